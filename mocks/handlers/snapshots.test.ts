import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '@contract/events';
import { apiPaths } from '@contract/http/paths';
import { CheckDataResponse, ServerActionResponse, ServerResponse } from '@contract/http/servers';
import { ListSnapshotsResponse } from '@contract/http/snapshots';
import { mockDb } from '../db';
import { fixtureIds, fixtureWorld } from '../fixtures';
import { act, actRefused } from '../testing/actions';
import { send, sendRefused, useMockApi, waitForOperationEnd } from '../testing/api';

const { agents, servers } = fixtureIds;
const getServer = async (id: string) =>
  (await send(ServerResponse, 'GET', apiPaths.server(id))).body.server;
const listSnapshots = async (id: string) =>
  (await send(ListSnapshotsResponse, 'GET', apiPaths.serverSnapshots(id))).body.snapshots;
const takeSnapshot = async (serverId: string) => {
  const res = await send(
    ServerActionResponse,
    'POST',
    apiPaths.takeSnapshot(agents.local, serverId),
    {},
  );
  expect(res.status).toBe(202);
  return res.body;
};
const rollback = (serverId: string, snapshotId: string) =>
  send(ServerActionResponse, 'POST', apiPaths.rollback(agents.local, serverId), { snapshotId });
const shrunk = {
  fileCount: 12,
  totalBytes: 4096,
  hasSaves: false,
  takenAt: new Date().toISOString(),
};

describe('snapshots in the mocks', () => {
  useMockApi('operator');

  it('a manual snapshot is an operation with byte progress that ends ready and verified', async () => {
    const events: LiveEvent[] = [];
    const unsubscribe = mockDb.subscribe((e) => events.push(e));
    const before = await listSnapshots(servers.running);
    const reply = await takeSnapshot(servers.running);
    expect(reply.operation.kind).toBe('snapshot');
    const done = await waitForOperationEnd(reply.operation.id);
    unsubscribe();
    expect(done.state).toBe('succeeded');
    const after = await listSnapshots(servers.running);
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({
      id: done.snapshotId,
      reason: 'manual',
      status: 'ready',
      verified: true,
      requestedBy: 'operator@zedops.local',
      fileCount: fixtureWorld.fileCount + 1,
    });
    const statuses = events.flatMap((e) =>
      e.type === 'snapshot.updated' ? [e.snapshot.status] : [],
    );
    expect(statuses).toEqual(['creating', 'ready']);
    const bytes = events.flatMap((e) =>
      e.type === 'operation.updated' && e.operation.progress?.phase === 'snapshotting'
        ? [e.operation.progress.current]
        : [],
    );
    expect(bytes.filter((b) => b !== undefined).length).toBeGreaterThan(2);
    expect((await getServer(servers.running)).status).toBe('running');
  });

  it('a rebuild takes a before-rebuild snapshot first; a failing one blocks it, container untouched', async () => {
    const ok = await act(agents.local, servers.running, 'rebuild');
    expect((await waitForOperationEnd(ok.operation.id)).state).toBe('succeeded');
    expect((await listSnapshots(servers.running))[0]).toMatchObject({
      reason: 'before-rebuild',
      status: 'ready',
      operationId: ok.operation.id,
    });

    const container = (await getServer(servers.running)).containerId;
    mockDb.failNextSnapshot(servers.running);
    const blocked = await act(agents.local, servers.running, 'rebuild');
    const end = await waitForOperationEnd(blocked.operation.id);
    expect(end).toMatchObject({ state: 'failed', error: { code: 'SNAPSHOT_FAILED' } });
    expect(await getServer(servers.running)).toMatchObject({
      status: 'running',
      containerId: container,
    });
    expect((await listSnapshots(servers.running))[0]).toMatchObject({ status: 'failed' });
  });

  it('an image change takes effect at the next create, which snapshots first', async () => {
    await send(ServerResponse, 'PATCH', apiPaths.agentServer(agents.local, servers.missing), {
      imageTag: 'build43',
    });
    const reply = await act(agents.local, servers.missing, 'recreate');
    expect((await waitForOperationEnd(reply.operation.id)).state).toBe('succeeded');
    expect((await listSnapshots(servers.missing))[0]?.reason).toBe('before-image-change');
    // Taken once: the next recreate-like step has nothing pending.
    const rebuilt = await act(agents.local, servers.missing, 'rebuild');
    await waitForOperationEnd(rebuilt.operation.id);
    expect((await listSnapshots(servers.missing))[0]?.reason).toBe('before-rebuild');
  });

  it('retention drops the oldest automatic snapshots, never manual ones', async () => {
    await send(ServerResponse, 'PATCH', apiPaths.agentServer(agents.local, servers.running), {
      snapshotRetention: 1,
    });
    for (let i = 0; i < 2; i++) {
      const r = await act(agents.local, servers.running, 'rebuild');
      await waitForOperationEnd(r.operation.id);
    }
    const reasons = (await listSnapshots(servers.running)).map((s) => s.reason);
    expect(reasons.filter((r) => r === 'before-rebuild')).toHaveLength(1);
    expect(reasons).toContain('manual');
  });

  it('the fingerprint guard refuses a shrunken world with both fingerprints, then allows it on request', async () => {
    mockDb.setWorld(servers.missing, shrunk);
    const refused = await actRefused(agents.local, servers.missing, 'recreate');
    expect(refused.status).toBe(409);
    expect(refused.error.code).toBe('DATA_DIVERGED');
    expect(refused.error.details).toMatchObject({
      healthy: { fileCount: fixtureWorld.fileCount, hasSaves: true },
      current: { fileCount: 12, hasSaves: false },
    });
    expect((await getServer(servers.missing)).activeOperation).toBeNull();
    const allowed = await act(agents.local, servers.missing, 'recreate', {
      allowDataDivergence: true,
    } as { allowFreshStart?: boolean });
    expect((await waitForOperationEnd(allowed.operation.id)).state).toBe('succeeded');
    expect((await getServer(servers.missing)).healthyFingerprint).toMatchObject({ fileCount: 12 });
  });

  it('check-data answers the fingerprint; a rollback brings the world back and the running state', async () => {
    const [snapshot] = await listSnapshots(servers.running);
    mockDb.setWorld(servers.running, shrunk);
    const check = await send(
      CheckDataResponse,
      'GET',
      apiPaths.checkData(agents.local, servers.running),
    );
    expect(check.body.fingerprint).toMatchObject({ fileCount: 12, hasSaves: false });
    const reply = await rollback(servers.running, snapshot!.id);
    expect(reply.status).toBe(202);
    expect(reply.body.operation).toMatchObject({ kind: 'rollback', snapshotId: snapshot!.id });
    expect((await waitForOperationEnd(reply.body.operation.id)).state).toBe('succeeded');
    expect(await getServer(servers.running)).toMatchObject({
      status: 'running',
      healthyFingerprint: { fileCount: fixtureWorld.fileCount, hasSaves: true },
    });
    expect((await listSnapshots(servers.running))[0]?.reason).toBe('before-rollback');
  });

  it('rollback without a container leaves the server missing', async () => {
    const [snapshot] = await listSnapshots(servers.missing);
    const reply = await rollback(servers.missing, snapshot!.id);
    expect((await waitForOperationEnd(reply.body.operation.id)).state).toBe('succeeded');
    expect((await getServer(servers.missing)).status).toBe('missing');
  });

  it('refuses hostile rollbacks: another server’s snapshot or an unknown id → 404, junk → 400', async () => {
    const [other] = await listSnapshots(servers.missing);
    expect(
      (
        await sendRefused('POST', apiPaths.rollback(agents.local, servers.running), {
          snapshotId: other!.id,
        })
      ).status,
    ).toBe(404);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(
      (
        await sendRefused('POST', apiPaths.rollback(agents.local, servers.running), {
          snapshotId: unknown,
        })
      ).status,
    ).toBe(404);
    const junk = await sendRefused('POST', apiPaths.rollback(agents.local, servers.running), {
      snapshotId: '../../etc',
    });
    expect(junk).toMatchObject({ status: 400, error: { code: 'VALIDATION_FAILED' } });
    expect((await getServer(servers.running)).activeOperation).toBeNull();
  });

  it('deleting a snapshot needs an admin; the agent offline refuses', async () => {
    const [snapshot] = await listSnapshots(servers.running);
    const asOperator = await sendRefused('DELETE', apiPaths.snapshot(snapshot!.id));
    expect(asOperator.status).toBe(403);
    mockDb.signInAs('admin');
    const res = await fetch(`http://localhost${apiPaths.snapshot(snapshot!.id)}`, {
      method: 'DELETE',
    });
    expect(res.status).toBe(204);
    expect((await listSnapshots(servers.running)).map((s) => s.id)).not.toContain(snapshot!.id);
    const remote = mockDb.seedSnapshot(servers.remoteMissing);
    const offline = await sendRefused('DELETE', apiPaths.snapshot(remote.id));
    expect(offline).toMatchObject({ status: 409, error: { code: 'INVALID_STATE' } });
  });

  it('a viewer may list snapshots but not take one', async () => {
    mockDb.signInAs('viewer');
    expect((await listSnapshots(servers.running)).length).toBeGreaterThan(0);
    const refused = await sendRefused(
      'POST',
      apiPaths.takeSnapshot(agents.local, servers.running),
      {},
    );
    expect(refused.status).toBe(403);
  });

  it('purge keeps snapshots unless removeSnapshots; a data-removing purge snapshots first', async () => {
    mockDb.signInAs('admin');
    const purge = async (serverId: string, removeData: boolean, removeSnapshots: boolean) => {
      const res = await send(
        ServerActionResponse,
        'DELETE',
        apiPaths.purge(agents.local, serverId, removeData, removeSnapshots),
      );
      expect(res.status).toBe(202);
      return waitForOperationEnd(res.body.operation.id);
    };
    const seeded = mockDb.seedSnapshot(servers.deleted);
    expect((await purge(servers.deleted, true, false)).state).toBe('succeeded');
    // The records outlive the purged server (its archives stay on the host).
    expect(mockDb.snapshots(servers.deleted).map((s) => [s.id === seeded.id, s.reason])).toEqual([
      [false, 'before-purge'],
      [true, 'manual'],
    ]);
    mockDb.seedSnapshot(servers.stopped);
    expect((await purge(servers.stopped, false, true)).state).toBe('succeeded');
    expect(mockDb.snapshots(servers.stopped)).toEqual([]);
  });
});
