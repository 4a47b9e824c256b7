import path from 'node:path';
import type { Fingerprint } from '@contract/http/snapshots';
import type { MemoryTree } from '../../../agent/src/testing/memory-tree';

/** What a fake world measures: the one a first boot writes and DataDirs.add() puts down. */
export const defaultWorld = { fileCount: 40, totalBytes: 400_000, hasSaves: true } as const;

/**
 * Write files under `data` so that the agent's fingerprint of it reports `world`: `fileCount`
 * files (under Saves/ when `hasSaves`) of `totalBytes` bytes in all. Contents are shared strings,
 * so ten thousand default worlds cost little memory.
 */
export function writeWorld(
  tree: MemoryTree,
  data: string,
  world: Omit<Fingerprint, 'takenAt'>,
): void {
  tree.mkdir(data);
  const { fileCount, totalBytes, hasSaves } = world;
  if (fileCount <= 0) return;
  const size = Math.floor(totalBytes / fileCount);
  const folder = hasSaves ? 'Saves/Multiplayer/world' : 'db';
  for (let i = 0; i < fileCount; i += 1) {
    const bytes = i === fileCount - 1 ? totalBytes - size * (fileCount - 1) : size;
    tree.write(path.join(data, folder, `map_${i}.bin`), filler(bytes));
  }
}

const fillers = new Map<number, string>();
const filler = (bytes: number): string => {
  let s = fillers.get(bytes);
  if (s === undefined) fillers.set(bytes, (s = 'x'.repeat(bytes)));
  return s;
};
