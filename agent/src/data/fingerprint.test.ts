import { link, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { takeFingerprint } from './fingerprint';

let base: string;
let data: string;
beforeEach(async () => {
  base = await mkdtemp('/tmp/zedops-fingerprint-test-');
  data = path.join(base, 'data');
});
afterEach(() => rm(base, { recursive: true, force: true }));

const put = async (rel: string, bytes: number) => {
  await mkdir(path.dirname(path.join(data, rel)), { recursive: true });
  await writeFile(path.join(data, rel), Buffer.alloc(bytes, 7));
};

describe('takeFingerprint', () => {
  it('is null when data/ does not exist, zeros when it is empty', async () => {
    expect(await takeFingerprint(data)).toBeNull();
    await mkdir(data);
    expect(await takeFingerprint(data)).toMatchObject({
      fileCount: 0,
      totalBytes: 0,
      hasSaves: false,
    });
  });

  it('counts regular files and bytes at every depth and sees files deep under Saves/', async () => {
    await put('Server/servertest.ini', 100);
    await put('Saves/Multiplayer/servertest/map/0/map_0_0.bin', 4096);
    await put('Saves/Multiplayer/servertest/players.db', 1000);
    await put('Logs/a.txt', 0);
    const fp = await takeFingerprint(data);
    expect(fp).toMatchObject({ fileCount: 4, totalBytes: 5196, hasSaves: true });
    expect(Date.parse(fp?.takenAt ?? '')).not.toBeNaN();
  });

  it('says hasSaves=false when Saves/ holds only empty folders, or when only a sibling is named like it', async () => {
    await mkdir(path.join(data, 'Saves', 'Multiplayer', 'servertest'), { recursive: true });
    await put('SavesBackup/old.bin', 10);
    await put('Saves.txt', 10);
    expect(await takeFingerprint(data)).toMatchObject({
      fileCount: 2,
      totalBytes: 20,
      hasSaves: false,
    });
  });

  it('does not follow symlinks, so loops end and files outside are not counted', async () => {
    await put('Saves/world.bin', 10);
    await writeFile(path.join(base, 'outside.bin'), Buffer.alloc(1_000_000));
    await symlink('..', path.join(data, 'Saves', 'loop-up'));
    await symlink(data, path.join(data, 'loop-abs'));
    await symlink(path.join(base, 'outside.bin'), path.join(data, 'outside-link'));
    await symlink('missing-target', path.join(data, 'dangling'));
    expect(await takeFingerprint(data)).toMatchObject({
      fileCount: 1,
      totalBytes: 10,
      hasSaves: true,
    });
  });

  it('counts each name of a hard-linked file, as a snapshot stores each as a file', async () => {
    await put('Saves/world.bin', 10);
    await link(path.join(data, 'Saves', 'world.bin'), path.join(data, 'copy.bin'));
    expect(await takeFingerprint(data)).toMatchObject({ fileCount: 2, totalBytes: 20 });
  });

  it('follows data/ itself when it is a symlink, as the container mount does', async () => {
    await put('Saves/world.bin', 10);
    const alias = path.join(base, 'data-alias');
    await symlink(data, alias);
    expect(await takeFingerprint(alias)).toMatchObject({ fileCount: 1, hasSaves: true });
  });
});
