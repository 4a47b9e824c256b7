import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CreateResult, SnapshotOnDisk } from '@contract/agent-protocol';
import { FakeAgent } from '../testing/fake-agent';

// The snapshot commands' guards over the fakes; archives on a real disk and a server booting on
// a restored world are proven in snapshot-commands.docker.test.ts and agent/src/data/.
let a: FakeAgent;
beforeEach(() => {
  a = new FakeAgent();
});

function server() {
  const spec = a.spec();
  const ref = { serverId: spec.serverId, serverName: spec.serverName, dataPath: spec.dataPath };
  a.tree.write(path.join(a.root(spec), 'data/Saves/w.bin'), 'world');
  a.tree.write(path.join(a.root(spec), '.zedops-server-id'), `${spec.serverId}\n`);
  return { spec, ref };
}

describe('snapshot commands over the fakes', () => {
  it('snapshot, damage, restore: the world is back, with progress', async () => {
    const { ref } = server();
    const snapshotId = randomUUID();
    const { reply, progress } = await a.request({ name: 'data.snapshot', ...ref, snapshotId });
    expect(reply.ok && reply.result).toMatchObject({ snapshotId, verified: true });
    expect(progress[0]).toMatchObject({ phase: 'snapshotting' });
    a.tree.write(path.join(ref.dataPath, ref.serverName, 'data/Saves/w.bin'), 'damaged');
    expect(await a.ok({ name: 'data.restore', ...ref, snapshotId })).toMatchObject({
      fileCount: 1,
    });
    expect(a.tree.read(path.join(ref.dataPath, ref.serverName, 'data/Saves/w.bin'))).toBe('world');
  });

  it('restore while the server’s container runs → RESTORE_FAILED container-running, folder untouched', async () => {
    const { spec, ref } = server();
    const snapshotId = randomUUID();
    await a.ok({ name: 'data.snapshot', ...ref, snapshotId });
    const created = await a.ok<CreateResult>({
      name: 'container.create',
      spec,
      idempotencyKey: 'op-1',
      requireData: true,
    });
    const before = a.snapshotTree(a.root(spec));
    expect(await a.refused({ name: 'data.restore', ...ref, snapshotId })).toMatchObject({
      code: 'RESTORE_FAILED',
      details: { reason: 'container-running', containerId: created.container.id },
    });
    expect(a.snapshotTree(a.root(spec))).toEqual(before);
  });

  it('deleting another server’s snapshot → INVALID_REQUEST, the archive stays', async () => {
    const { ref } = server();
    const snapshotId = randomUUID();
    await a.ok({ name: 'data.snapshot', ...ref, snapshotId });
    const ids = { serverName: ref.serverName, snapshotId };
    expect(
      await a.refused({ name: 'data.snapshot.delete', serverId: 'srv-other', ...ids }),
    ).toMatchObject({
      code: 'INVALID_REQUEST',
    });
    const listed = await a.ok<{ snapshots: SnapshotOnDisk[] }>({
      name: 'data.snapshot.list',
      serverName: ref.serverName,
    });
    expect(listed.snapshots.map((s) => s.snapshotId)).toEqual([snapshotId]);
  });

  it('an agent without a snapshot root refuses snapshots and restores, lists none, deletes nothing', async () => {
    a = new FakeAgent({ snapshotRoot: null });
    const { ref } = server();
    const snapshotId = randomUUID();
    expect(await a.refused({ name: 'data.snapshot', ...ref, snapshotId })).toMatchObject({
      code: 'SNAPSHOT_FAILED',
      details: { reason: 'no-snapshot-root' },
    });
    expect(await a.refused({ name: 'data.restore', ...ref, snapshotId })).toMatchObject({
      code: 'RESTORE_FAILED',
      details: { reason: 'no-snapshot-root' },
    });
    expect(await a.ok({ name: 'data.snapshot.list' })).toEqual({ snapshots: [] });
    expect(
      await a.ok({
        name: 'data.snapshot.delete',
        serverId: ref.serverId,
        serverName: ref.serverName,
        snapshotId,
      }),
    ).toEqual({ deleted: false });
  });
});
