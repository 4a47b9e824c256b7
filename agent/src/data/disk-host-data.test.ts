import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeHostDataContract } from '../testing/host-data-contract';
import { DiskHostData } from './disk-host-data';
import { SnapshotStore } from './snapshot-store';

describeHostDataContract('DiskHostData on temp folders', async () => {
  await mkdir('/tmp/zedops-agent-tests', { recursive: true });
  const base = await mkdtemp('/tmp/zedops-agent-tests/host-data-');
  const dataPath = path.join(base, 'servers');
  await mkdir(dataPath);
  // No free-space reserve: the contract is about what lands where, not about the disk.
  const data = new DiskHostData(new SnapshotStore(path.join(base, 'snapshots'), 0));
  return {
    data,
    dataPath,
    write: async (file, content) => {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    },
    mkdir: async (dir) => void (await mkdir(dir, { recursive: true })),
    tree: (root) => readTree(root),
    dispose: () => rm(base, { recursive: true, force: true }),
  };
});

async function readTree(root: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const abs = path.join(entry.parentPath, entry.name);
    found[path.relative(root, abs)] = entry.isDirectory() ? '<dir>' : await readFile(abs, 'utf8');
  }
  return found;
}
