import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentError } from '../errors';
import { snapshotFixture, type SnapshotFixture } from '../testing/snapshot-fixtures';
import { mountTmpfs, unmount } from '../testing/tmpfs';
import { treeDigest } from '../testing/tree-digest';
import { SnapshotStore } from './snapshot-store';
import { takeSnapshot } from './take-snapshot';

let fx: SnapshotFixture;
let before: Record<string, string>;
beforeEach(async () => {
  fx = await snapshotFixture(3);
  before = await treeDigest(fx.paths.root);
});
afterEach(async () => {
  await unmount(fx.store.root);
  await chmod(fx.base, 0o755).catch(() => undefined);
  await fx.cleanup();
});

const snapshot = (store = fx.store, serverName = fx.serverName) =>
  takeSnapshot({
    store,
    paths: fx.paths,
    serverId: fx.serverId,
    serverName,
    snapshotId: randomUUID(),
  });

/** The failure the snapshot threw, with its wire code and reason. */
async function failure(attempt: Promise<unknown>) {
  const err = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AgentError);
  const { code, message, details } = err as AgentError;
  return { code, message, reason: details?.reason };
}

/** Every file under the snapshot root (there must be none after a failure). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => !e.isDirectory()).map((e) => path.join(e.parentPath, e.name));
}

describe('a snapshot that cannot be made fails with SNAPSHOT_FAILED and leaves nothing', () => {
  afterEach(async () => {
    // Whatever failed, the server folder was only read.
    expect(await treeDigest(fx.paths.root)).toEqual(before);
  });

  it('when the server folder is missing', async () => {
    const gone = { ...fx.paths, root: path.join(fx.dataPath, 'not-there') };
    const err = await failure(
      takeSnapshot({
        store: fx.store,
        paths: gone,
        serverId: fx.serverId,
        serverName: 'not-there',
        snapshotId: randomUUID(),
      }),
    );
    expect(err).toMatchObject({ code: 'SNAPSHOT_FAILED', reason: 'folder-missing' });
    expect(await filesUnder(fx.store.root)).toEqual([]);
  });

  it('when the snapshot root is read-only', async () => {
    await mkdir(fx.store.root, { recursive: true });
    // A read-only mount when we may mount (root ignores file modes), else a 0555 folder.
    if (!(await mountTmpfs(fx.store.root, { readOnly: true }))) await chmod(fx.store.root, 0o555);
    const err = await failure(snapshot());
    expect(err).toMatchObject({ code: 'SNAPSHOT_FAILED', reason: 'not-writable' });
    expect(await filesUnder(fx.store.root)).toEqual([]);
  });

  it('when the disk fills while writing, removing the partial archive', async (ctx) => {
    await mkdir(fx.store.root, { recursive: true });
    // 3 MB of world, ~1 MB of it incompressible, onto a 512 KiB disk.
    if (!(await mountTmpfs(fx.store.root, { sizeKb: 512 }))) ctx.skip();
    const err = await failure(snapshot());
    expect(err).toMatchObject({ code: 'SNAPSHOT_FAILED', reason: 'disk-full' });
    expect(await filesUnder(fx.store.root)).toEqual([]);
  });

  it('when the disk has less free space than the reserve, before writing anything', async () => {
    const greedy = new SnapshotStore(fx.store.root, Number.MAX_SAFE_INTEGER);
    const err = await failure(snapshot(greedy));
    expect(err).toMatchObject({ code: 'SNAPSHOT_FAILED', reason: 'disk-full' });
    expect(await filesUnder(fx.store.root)).toEqual([]);
  });

  it('when the snapshot root lies inside the server folder (it would archive itself)', async () => {
    const inside = new SnapshotStore(path.join(fx.paths.data, 'snapshots'));
    const err = await failure(snapshot(inside));
    expect(err).toMatchObject({ code: 'SNAPSHOT_FAILED', reason: 'overlap' });
  });

  it('when the world holds a symlink leading outside it, which a restore would refuse', async () => {
    await symlink('/etc', path.join(fx.paths.data, 'Saves', 'escape'));
    before = await treeDigest(fx.paths.root);
    const err = await failure(snapshot());
    expect(err).toMatchObject({ code: 'SNAPSHOT_FAILED', reason: 'unrestorable' });
    expect(err.message).toContain('escape');
    expect(await filesUnder(fx.store.root)).toEqual([]);
  });

  it('refuses names and ids that are not plain path components', async () => {
    for (const [serverName, snapshotId] of [
      ['../x', randomUUID()],
      [fx.serverName, '../../etc/passwd'],
      [fx.serverName, `${randomUUID()}/..`],
    ] as const) {
      const err = await failure(
        takeSnapshot({
          store: fx.store,
          paths: fx.paths,
          serverId: fx.serverId,
          serverName,
          snapshotId,
        }),
      );
      expect(err.code).toBe('INVALID_REQUEST');
    }
    await rm(fx.store.root, { recursive: true, force: true });
  });
});

describe('a snapshot that fails after its archive is in place', () => {
  it('takes the archive away again: no archive without a manifest', async () => {
    const snapshotId = randomUUID();
    const files = fx.store.files(fx.serverName, snapshotId);
    // The manifest's name is taken by a non-empty folder, so writing the manifest fails.
    await mkdir(path.join(files.manifest, 'in-the-way'), { recursive: true });
    const err = await failure(
      takeSnapshot({
        store: fx.store,
        paths: fx.paths,
        serverId: fx.serverId,
        serverName: fx.serverName,
        snapshotId,
      }),
    );
    expect(err.code).toBe('SNAPSHOT_FAILED');
    expect((await filesUnder(fx.store.root)).filter((f) => !f.includes('in-the-way'))).toEqual([]);
    expect(await treeDigest(fx.paths.root)).toEqual(before);
  });
});
