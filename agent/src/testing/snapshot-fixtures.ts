import { chmod, chown, link, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { serverPaths, type ServerPaths } from '../data/server-paths';
import { SnapshotStore } from '../data/snapshot-store';
import { generateWorld } from './world-generator';

/** A temp data path with one generated server folder and a snapshot root beside it. */
export interface SnapshotFixture {
  base: string;
  dataPath: string;
  serverName: string;
  serverId: string;
  paths: ServerPaths;
  store: SnapshotStore;
  cleanup(): Promise<void>;
}

/**
 * `{base}/servers/{name}` holding a generated world of `sizeMb`, a top-level notes.txt beside
 * data/, and the awkward cases a snapshot must carry: an empty file and folder, a 0600 file, a
 * file owned by uid 1000 (when run as root), a relative symlink inside, a hard link and a path
 * too long for a plain tar header.
 */
export async function snapshotFixture(sizeMb = 4): Promise<SnapshotFixture> {
  const base = await mkdtemp('/tmp/zedops-snapshot-test-');
  const dataPath = path.join(base, 'servers');
  const serverName = `snap-${path.basename(base).slice(-6).toLowerCase()}`;
  const serverId = `server-${serverName}`;
  const paths = serverPaths(dataPath, serverName);
  await generateWorld(paths.root, sizeMb, serverId);
  const data = paths.data;
  // Something beside data/ at the top, so a restore swaps more than one entry.
  await writeFile(path.join(paths.root, 'notes.txt'), 'admin notes\n');
  await writeFile(path.join(data, 'empty.txt'), '');
  await mkdir(path.join(data, 'Saves', 'empty-folder'), { recursive: true });
  await writeFile(path.join(data, 'Server', 'secret.ini'), 'RCONPassword=hunter2\n', {
    mode: 0o600,
  });
  await chmod(path.join(data, 'Server', 'secret.ini'), 0o600);
  await symlink('../Server/servertest.ini', path.join(data, 'Saves', 'ini-link'));
  await link(
    path.join(data, 'Server', 'servertest.ini'),
    path.join(data, 'Server', 'hardlink.ini'),
  );
  const deep = path.join(data, 'Saves', 'a-rather-long-folder-name-for-testing'.repeat(3));
  await mkdir(deep, { recursive: true });
  await writeFile(path.join(deep, `${'long-file-name-'.repeat(8)}.bin`), 'deep\n');
  // The game runs as its own user: a restore must give files back to their owner.
  if (process.getuid?.() === 0)
    await chown(path.join(data, 'Server', 'servertest.ini'), 1000, 1000);
  const store = new SnapshotStore(path.join(base, '.zedops-snapshots'), 0);
  return {
    base,
    dataPath,
    serverName,
    serverId,
    paths,
    store,
    cleanup: () => rm(base, { recursive: true, force: true }),
  };
}
