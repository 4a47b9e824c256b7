import { randomUUID } from 'node:crypto';
import { access, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentError } from '../errors';
import { snapshotFixture, type SnapshotFixture } from '../testing/snapshot-fixtures';
import { treeDigest } from '../testing/tree-digest';
import { listArchive } from './read-archive';
import { restoreSnapshot } from './restore-snapshot';

interface CraftedEntry {
  path: string;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'FIFO' | 'CharacterDevice';
  body?: string;
  linkpath?: string;
}

/** A gzip'd tar written header by header with tar's own Header class, so nothing is sanitised. */
function craftArchive(entries: CraftedEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const { path: entryPath, type = 'File', body = '', linkpath } of entries) {
    const content = Buffer.from(body);
    const header = Buffer.alloc(512);
    new tar.Header({
      path: entryPath,
      type,
      size: content.length,
      linkpath,
      mode: 0o644,
      uid: 0,
      gid: 0,
      mtime: new Date(),
    }).encode(header, 0);
    blocks.push(header, content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

let fx: SnapshotFixture;
let before: Record<string, string>;
beforeAll(async () => {
  fx = await snapshotFixture(1);
  before = await treeDigest(fx.paths.root);
});
afterAll(() => fx.cleanup());

/** Drops `entries` into the snapshot root as a snapshot of this server, with a manifest. */
async function plant(entries: CraftedEntry[]): Promise<{ snapshotId: string; archive: string }> {
  const snapshotId = randomUUID();
  const files = fx.store.files(fx.serverName, snapshotId);
  await fx.store.ensureDir(files);
  const bytes = craftArchive(entries);
  await writeFile(files.archive, bytes);
  await fx.store.writeManifest(files, {
    formatVersion: 1,
    snapshotId,
    serverId: fx.serverId,
    serverName: fx.serverName,
    entryCount: entries.length,
    fileCount: entries.filter((e) => (e.type ?? 'File') === 'File').length,
    totalBytes: entries.reduce((n, e) => n + Buffer.byteLength(e.body ?? ''), 0),
    sizeBytes: bytes.length,
    createdAt: new Date().toISOString(),
  });
  return { snapshotId, archive: files.archive };
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );
const preface: CraftedEntry[] = [
  { path: './', type: 'Directory' },
  { path: './data/', type: 'Directory' },
  { path: './data/Saves/', type: 'Directory' },
  { path: './data/Saves/ok.bin', body: 'fine' },
];

// Where an escape would land: next to the data path, or at an absolute path.
const escapes = () => ({
  relative: path.join(fx.base, 'escaped.txt'),
  absolute: path.join(fx.base, 'abs-escaped.txt'),
});

const cases: [string, () => CraftedEntry[]][] = [
  ['a path with ..', () => [{ path: './../../escaped.txt', body: 'owned' }]],
  ['an absolute path', () => [{ path: escapes().absolute, body: 'owned' }]],
  [
    'a symlink to an absolute path',
    () => [{ path: './data/etc', type: 'SymbolicLink', linkpath: '/etc' }],
  ],
  [
    'a symlink leading out with ..',
    () => [{ path: './data/up', type: 'SymbolicLink', linkpath: '../../..' }],
  ],
  [
    'a file written through a symlink',
    () => [
      { path: './data/inside', type: 'SymbolicLink', linkpath: 'Saves' },
      { path: './data/inside/through.bin', body: 'via the link' },
    ],
  ],
  [
    'a hard link to an absolute path',
    () => [{ path: './data/passwd', type: 'Link', linkpath: '/etc/passwd' }],
  ],
  [
    'a hard link leading out with ..',
    () => [{ path: './data/out', type: 'Link', linkpath: '../../escaped.txt' }],
  ],
  ['a fifo', () => [{ path: './data/pipe', type: 'FIFO' }]],
  ['a character device', () => [{ path: './data/null', type: 'CharacterDevice' }]],
  ['game files under bin/', () => [{ path: './bin/ProjectZomboid64', body: 'trojan' }]],
];

describe('a crafted archive is refused whole, and nothing of it lands anywhere', () => {
  for (const [name, evil] of cases) {
    it(`with ${name}`, async () => {
      const { snapshotId, archive } = await plant([
        ...preface,
        ...evil(),
        { path: './data/after.bin', body: 'x' },
      ]);

      await expect(listArchive(archive)).rejects.toThrow();
      const err = await restoreSnapshot({
        store: fx.store,
        paths: fx.paths,
        serverId: fx.serverId,
        serverName: fx.serverName,
        snapshotId,
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(AgentError);
      expect((err as AgentError).code).toBe('RESTORE_FAILED');

      expect(await treeDigest(fx.paths.root)).toEqual(before);
      expect(await exists(escapes().relative)).toBe(false);
      expect(await exists(escapes().absolute)).toBe(false);
      expect(await readdir(fx.dataPath)).toEqual([fx.serverName]);
    });
  }

  it('while the same preface alone restores (the cases above fail for their entry only)', async () => {
    const { snapshotId } = await plant([...preface, { path: './data/after.bin', body: 'x' }]);
    await restoreSnapshot({
      store: fx.store,
      paths: fx.paths,
      serverId: fx.serverId,
      serverName: fx.serverName,
      snapshotId,
    });
    expect(await readdir(path.join(fx.paths.data, 'Saves'))).toEqual(['ok.bin']);
  });
});
