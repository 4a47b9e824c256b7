import { randomUUID } from 'node:crypto';
import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotFixture, type SnapshotFixture } from '../testing/snapshot-fixtures';
import { treeDigest } from '../testing/tree-digest';
import { takeFingerprint } from './fingerprint';
import { restoreSnapshot } from './restore-snapshot';
import { markerFileName } from './server-paths';
import { takeSnapshot } from './take-snapshot';
import { walkTree } from './walk-tree';

let fx: SnapshotFixture;
beforeAll(async () => {
  fx = await snapshotFixture(6);
});
afterAll(() => fx.cleanup());

const skipBin = (rel: string) => rel === 'bin';
const snapshot = (
  snapshotId = randomUUID(),
  onProgress?: (current: number, total: number) => void,
) =>
  takeSnapshot({
    store: fx.store,
    paths: fx.paths,
    serverId: fx.serverId,
    serverName: fx.serverName,
    snapshotId,
    onProgress,
  });
const restore = (snapshotId: string) =>
  restoreSnapshot({
    store: fx.store,
    paths: fx.paths,
    serverId: fx.serverId,
    serverName: fx.serverName,
    snapshotId,
  });

describe('snapshot and restore', () => {
  it('writes a verified archive of everything but bin/, only reading the server folder', async () => {
    const before = await treeDigest(fx.paths.root);
    const frames: { current: number; total: number }[] = [];
    const result = await snapshot(undefined, (current, total) => frames.push({ current, total }));

    expect(await treeDigest(fx.paths.root)).toEqual(before);
    const expected = await walkTree(fx.paths.root, { skip: skipBin });
    expect(result).toMatchObject({ verified: true, ...expected });
    expect(result.path).toBe(
      path.join(fx.store.root, fx.serverName, `${result.snapshotId}.tar.gz`),
    );
    expect(result.sizeBytes).toBe((await stat(result.path)).size);
    expect((await readdir(path.dirname(result.path))).sort()).toEqual(
      [`${result.snapshotId}.json`, `${result.snapshotId}.tar.gz`].sort(),
    );

    const names: string[] = [];
    await tar.t({ file: result.path, onReadEntry: (e) => void names.push(e.path) });
    expect(names).toContain('./.zedops-server-id');
    expect(names.some((n) => n.startsWith('./data/Saves/'))).toBe(true);
    expect(names.filter((n) => n.startsWith('./bin'))).toEqual([]);

    // Progress: bytes done over a known total, rising, ending at the total, at most one a percent.
    const last = frames.at(-1);
    expect(last && last.current === last.total && last.total > 0).toBe(true);
    const done = frames.map((f) => f.current);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(frames.length).toBeLessThanOrEqual(101);
  });

  it('answers a repeated snapshot id from the archive already written', async () => {
    const id = randomUUID();
    const first = await snapshot(id);
    const mtime = (await stat(first.path)).mtimeMs;
    expect(await snapshot(id)).toEqual(first);
    expect((await stat(first.path)).mtimeMs).toBe(mtime);
  });

  it('puts the world back byte for byte (modes, owners, links, mtimes) after it was damaged', async () => {
    // A file written in the last half-millisecond of a second: tar records the second Node's
    // `stat.mtime` rounds it to, the next one (this once failed in CI by chance, see treeDigest).
    const ini = path.join(fx.paths.data, 'Server', 'servertest.ini');
    await utimes(ini, new Date(), 1_796_000_000.9997);
    const original = await treeDigest(fx.paths.root, skipBin);
    const fingerprint = await takeFingerprint(fx.paths.data);
    const { snapshotId } = await snapshot();

    // Damage: Saves/ emptied, a stray file, a changed ini; bin/ changes too (and must stay so).
    await rm(path.join(fx.paths.data, 'Saves'), { recursive: true });
    await writeFile(path.join(fx.paths.data, 'stray.txt'), 'not in the snapshot');
    await writeFile(path.join(fx.paths.data, 'Server', 'servertest.ini'), 'changed');
    await writeFile(path.join(fx.paths.bin, 'new-game-file'), 'downloaded after the snapshot');
    const binAfterDamage = await treeDigest(fx.paths.bin);
    expect((await takeFingerprint(fx.paths.data))?.hasSaves).toBe(false);

    // A snapshot of the damaged world is still a complete, verified archive.
    expect((await snapshot()).verified).toBe(true);

    const result = await restore(snapshotId);
    expect(await treeDigest(fx.paths.root, skipBin)).toEqual(original);
    expect(await treeDigest(fx.paths.bin)).toEqual(binAfterDamage);
    expect(result.fingerprint).toMatchObject({
      fileCount: fingerprint?.fileCount,
      totalBytes: fingerprint?.totalBytes,
      hasSaves: true,
    });
    // No staging or aside folder is left next to the server folder.
    expect(await readdir(fx.dataPath)).toEqual([fx.serverName]);
  });

  it('restores into a server folder that is gone, writing the marker', async () => {
    const original = await treeDigest(
      fx.paths.root,
      (rel) => rel === 'bin' || rel === markerFileName,
    );
    const { snapshotId } = await snapshot();
    await rm(fx.paths.root, { recursive: true });
    await restore(snapshotId);
    const skipMarker = (rel: string) => rel === markerFileName;
    const { '': rootNow, ...restored } = await treeDigest(fx.paths.root, skipMarker);
    const { '': rootBefore, ...expected } = original;
    expect(restored).toEqual(expected);
    expect(await readFile(fx.paths.marker, 'utf8')).toBe(`${fx.serverId}\n`);
    expect(rootBefore).toContain('[.zedops-server-id,bin,data,notes.txt]');
    expect(rootNow).toContain('[.zedops-server-id,data,notes.txt]');
  });
});
