import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A fingerprint of every file under a server's data directory (relative path + content hash).
 * Specs take one before and after an action to prove the world data was not touched.
 * `boot.log` is excluded only when asked: the fake game appends a line on every boot.
 */
export function dataFingerprint(dir: string, options: { ignore?: string[] } = {}): string {
  if (!existsSync(dir)) return 'absent';
  const hash = createHash('sha256');
  const walk = (current: string): void => {
    for (const entry of readdirSync(current).sort()) {
      const full = path.join(current, entry);
      const rel = path.relative(dir, full);
      if (options.ignore?.includes(rel)) continue;
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else hash.update(`${rel}\0`).update(readFileSync(full)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex');
}

/** Every entry under `dir` (directories end with `/`), sorted: shows an empty folder the hash misses. */
export function dirTree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => (statSync(path.join(dir, rel)).isDirectory() ? `${rel}/` : rel))
    .sort();
}

export function readWorldFile(serverDir: string): string {
  return readFileSync(path.join(serverDir, 'data', 'Saves', 'Multiplayer', 'world.txt'), 'utf8');
}

export function bootCount(serverDir: string): number {
  const file = path.join(serverDir, 'data', 'boot.log');
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').length : 0;
}
