import { randomUUID } from 'node:crypto';
import { open, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentError } from '../errors';
import { snapshotFixture, type SnapshotFixture } from '../testing/snapshot-fixtures';
import { treeDigest } from '../testing/tree-digest';
import { restoreSnapshot } from './restore-snapshot';
import type { SwapFs } from './swap-contents';
import { takeSnapshot } from './take-snapshot';

let fx: SnapshotFixture;
let snapshotId: string;
let before: Record<string, string>;
beforeEach(async () => {
  fx = await snapshotFixture(3);
  ({ snapshotId } = await takeSnapshot({
    store: fx.store,
    paths: fx.paths,
    serverId: fx.serverId,
    serverName: fx.serverName,
    snapshotId: randomUUID(),
  }));
  // The world moved on after the snapshot: a failed restore must keep THIS state.
  await writeFile(path.join(fx.paths.data, 'Saves', 'after-snapshot.bin'), 'newer progress');
  before = await treeDigest(fx.paths.root);
});
afterEach(() => fx.cleanup());

const restore = (overrides: { serverId?: string; swapFs?: SwapFs } = {}) =>
  restoreSnapshot({
    store: fx.store,
    paths: fx.paths,
    serverId: fx.serverId,
    serverName: fx.serverName,
    snapshotId,
    ...overrides,
  });

async function failure(attempt: Promise<unknown>) {
  const err = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AgentError);
  const { code, message, details } = err as AgentError;
  return { code, message, details, reason: details?.reason };
}

const archive = () => fx.store.files(fx.serverName, snapshotId).archive;

describe('a restore that fails leaves the server folder exactly as it was', () => {
  afterEach(async () => {
    expect(await treeDigest(fx.paths.root)).toEqual(before);
    // No staging or aside folder lingers next to the server folder.
    expect(await readdir(fx.dataPath)).toEqual([fx.serverName]);
  });

  it('when the archive is truncated', async () => {
    await truncate(archive(), Math.floor((await stat(archive())).size / 2));
    expect(await failure(restore())).toMatchObject({ code: 'RESTORE_FAILED' });
  });

  it('when the archive is corrupt in the middle', async () => {
    const handle = await open(archive(), 'r+');
    const { size } = await handle.stat();
    await handle.write(Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 2));
    await handle.close();
    expect(await failure(restore())).toMatchObject({ code: 'RESTORE_FAILED' });
  });

  it('when the archive holds fewer files than its manifest says', async () => {
    const manifestPath = fx.store.files(fx.serverName, snapshotId).manifest;
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    await writeFile(
      manifestPath,
      JSON.stringify({ ...manifest, fileCount: manifest.fileCount + 1 }),
    );
    expect(await failure(restore())).toMatchObject({
      code: 'RESTORE_FAILED',
      reason: 'incomplete',
    });
  });

  // Renames: first the current data/ and notes.txt go aside (.zedops-server-id and bin/ stay),
  // then the snapshot's two come in. Failing at each step must undo every earlier one.
  for (const failAt of [1, 2, 3, 4]) {
    it(`when rename #${failAt} of the swap fails`, async () => {
      let calls = 0;
      const swapFs: SwapFs = {
        rename: async (from, to) => {
          calls += 1;
          if (calls === failAt) throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
          const { rename } = await import('node:fs/promises');
          await rename(from, to);
        },
      };
      expect(await failure(restore({ swapFs }))).toMatchObject({ code: 'RESTORE_FAILED' });
      expect(calls).toBeGreaterThanOrEqual(failAt);
    });
  }

  it('when the marker names another server', async () => {
    await writeFile(fx.paths.marker, 'someone-else\n');
    before = await treeDigest(fx.paths.root);
    expect(await failure(restore())).toMatchObject({
      code: 'RESTORE_FAILED',
      reason: 'marker-mismatch',
    });
  });

  it('when the snapshot is another server’s', async () => {
    expect(await failure(restore({ serverId: 'another-server' }))).toMatchObject({
      code: 'RESTORE_FAILED',
      reason: 'not-this-server',
    });
  });

  it('when the snapshot is not on this host', async () => {
    await rm(archive());
    expect(await failure(restore())).toMatchObject({ code: 'RESTORE_FAILED', reason: 'not-found' });
  });
});

describe('when the swap cannot be undone either', () => {
  it('keeps the previous data in the aside folder and says where', async () => {
    let calls = 0;
    const swapFs: SwapFs = {
      rename: async (from, to) => {
        calls += 1;
        // The first move in fails, and so does putting data/ back.
        if (calls === 3 || (calls > 3 && path.basename(from) === 'data'))
          throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
        const { rename } = await import('node:fs/promises');
        await rename(from, to);
      },
    };
    const err = await failure(restore({ swapFs }));
    expect(err).toMatchObject({ code: 'RESTORE_FAILED', reason: 'undo-failed' });
    const aside = String(err.details?.previousDataAt);
    expect(err.message).toContain(aside);
    // The world is intact where the message says, untouched.
    const { data: _, ...rest } = await treeDigest(path.join(aside, 'data'));
    expect(Object.keys(rest).length).toBeGreaterThan(10);
    expect(await readFile(path.join(aside, 'data', 'Saves', 'after-snapshot.bin'), 'utf8')).toBe(
      'newer progress',
    );
  });
});

describe('a failed restore into a server folder that was gone', () => {
  it('leaves it gone', async () => {
    await rm(fx.paths.root, { recursive: true });
    const swapFs: SwapFs = {
      rename: async () => {
        throw Object.assign(new Error('EIO: injected'), { code: 'EIO' });
      },
    };
    expect(await failure(restore({ swapFs }))).toMatchObject({ code: 'RESTORE_FAILED' });
    expect(await readdir(fx.dataPath)).toEqual([]);
  });
});
