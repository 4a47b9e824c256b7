import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  ContainerInfo,
  CreateResult,
  DataCheckItem,
  SnapshotOnDisk,
  SnapshotResult,
} from '@contract/agent-protocol';
import { AgentHarness } from '../testing/agent-harness';
import { checksumDir } from '../testing/docker-cli';
import { waitFor } from '../testing/fake-manager';

// The agent's snapshot commands over the real protocol, with a real container writing its world
// under data/Saves: every frame is checked against the contract by the fake manager.
let h: AgentHarness;
let snapshotRoot: string;
beforeAll(async () => {
  snapshotRoot = mkdtempSync('/tmp/zedops-agent-snapshots-');
  h = await AgentHarness.start({ snapshotRoot });
});
afterEach(() => h.cleanup());
afterAll(async () => {
  await h?.stop();
  rmSync(snapshotRoot, { recursive: true, force: true });
});

const root = (spec: { dataPath: string; serverName: string }) =>
  path.join(spec.dataPath, spec.serverName);
const worldFile = (spec: { dataPath: string; serverName: string }) =>
  path.join(root(spec), 'data/Saves/Multiplayer/world.txt');

async function fingerprintOf(spec: { serverId: string; serverName: string; dataPath: string }) {
  const { results } = await h.manager.ok<{ results: DataCheckItem[] }>({
    name: 'data.check',
    items: [{ serverId: spec.serverId, serverName: spec.serverName, dataPath: spec.dataPath }],
  });
  return results[0]?.fingerprint;
}

describe('snapshot, damage, restore over the protocol', () => {
  it('brings the world back and the server boots on it', async () => {
    const spec = await h.newSpec();
    const ref = { serverId: spec.serverId, serverName: spec.serverName, dataPath: spec.dataPath };
    const { container } = await h.manager.ok<CreateResult>({
      name: 'container.create',
      spec,
      idempotencyKey: `op-${spec.serverId}`,
      requireData: false,
    });
    // The game writes its world shortly after the start: absent until then, not an error.
    await waitFor(() => readIfThere(worldFile(spec)).length > 0, 15_000, 'world written');
    const world = readFileSync(worldFile(spec), 'utf8');
    expect(await fingerprintOf(spec)).toMatchObject({ hasSaves: true });

    // A restore under a running server is refused, and changes nothing.
    const sum = checksumDir(root(spec));
    const refused = await h.manager.request({
      name: 'data.restore',
      ...ref,
      snapshotId: randomUUID(),
    });
    expect(refused.reply).toMatchObject({
      ok: false,
      error: { code: 'RESTORE_FAILED', details: { reason: 'container-running' } },
    });
    expect(checksumDir(root(spec))).toBe(sum);

    await h.manager.ok({ name: 'container.stop', serverId: spec.serverId, timeoutSeconds: 10 });
    const snapshotId = randomUUID();
    const { reply, progress } = await h.manager.request({
      name: 'data.snapshot',
      ...ref,
      snapshotId,
    });
    expect(reply.ok).toBe(true);
    const snapshot = (reply as { result: SnapshotResult }).result;
    expect(snapshot).toMatchObject({ snapshotId, verified: true });
    expect(snapshot.path).toBe(path.join(snapshotRoot, spec.serverName, `${snapshotId}.tar.gz`));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.phase === 'snapshotting')).toBe(true);
    expect(progress.some((p) => p.total && p.current === p.total)).toBe(true);

    // Damage: the saves are wiped. The fingerprint sees it.
    rmSync(path.join(root(spec), 'data/Saves'), { recursive: true });
    writeFileSync(path.join(root(spec), 'data/Saves'), 'not a folder any more');
    expect(await fingerprintOf(spec)).toMatchObject({ hasSaves: false });

    const restored = await h.manager.request({ name: 'data.restore', ...ref, snapshotId });
    expect(restored.reply).toMatchObject({
      ok: true,
      result: { snapshotId, fingerprint: { hasSaves: true } },
    });
    expect(restored.progress.every((p) => p.phase === 'restoring')).toBe(true);
    expect(readFileSync(worldFile(spec), 'utf8')).toBe(world);

    await h.manager.ok<{ container: ContainerInfo }>({
      name: 'container.start',
      serverId: spec.serverId,
    });
    await waitFor(
      () => readIfThere(path.join(root(spec), 'data/boot.log')).split('\n').length > 2,
      15_000,
      'second boot',
    );
    expect(readFileSync(worldFile(spec), 'utf8')).toBe(world);
    expect(container.serverId).toBe(spec.serverId);
  });

  it('lists and deletes snapshots, and refuses ids that are not UUIDs', async () => {
    const spec = await h.newSpec();
    const ref = { serverId: spec.serverId, serverName: spec.serverName, dataPath: spec.dataPath };
    mkdirSync(path.join(root(spec), 'data/Saves'), { recursive: true });
    writeFileSync(path.join(root(spec), 'data/Saves/w.bin'), 'world');
    const snapshotId = randomUUID();
    await h.manager.ok({ name: 'data.snapshot', ...ref, snapshotId });

    const listed = await h.manager.ok<{ snapshots: SnapshotOnDisk[] }>({
      name: 'data.snapshot.list',
      serverName: spec.serverName,
    });
    expect(listed.snapshots).toEqual([
      expect.objectContaining({
        snapshotId,
        serverId: spec.serverId,
        serverName: spec.serverName,
        fileCount: 1,
        totalBytes: 5,
      }),
    ]);
    const ids = { serverId: spec.serverId, serverName: spec.serverName, snapshotId };
    expect(await h.manager.ok({ name: 'data.snapshot.delete', ...ids })).toEqual({ deleted: true });
    expect(await h.manager.ok({ name: 'data.snapshot.delete', ...ids })).toEqual({
      deleted: false,
    });
    expect(await h.manager.ok({ name: 'data.snapshot.list', serverName: spec.serverName })).toEqual(
      { snapshots: [] },
    );

    const bad = await h.manager.request({
      name: 'data.snapshot',
      ...ref,
      snapshotId: '../../etc/passwd',
    } as never);
    expect(bad.reply).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });
});

/** The file's text, or '' while it does not exist yet. */
function readIfThere(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}
