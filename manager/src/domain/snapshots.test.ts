import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '@contract/events';
import { apiPaths } from '@contract/http/paths';
import { ServerResponse, type Server } from '@contract/http/servers';
import { defaultWorld, ScriptedAgent } from '../testing/scripted-agent';
import {
  ApiClient,
  dataPath,
  getServer,
  makeMissing,
  waitForOperation,
  waitFor,
  type TestManager,
} from '../testing/harness';
import { openEvents } from '../testing/live-stream';
import { withSnapshotScene } from '../testing/snapshot-calls';

/**
 * Snapshots, the fingerprint guard and rollbacks through the real manager (SQLite, HTTP,
 * WebSocket) with a scripted agent; the same rules on real Docker are in
 * scripts/snapshots-on-docker.test.ts.
 */
describe('snapshots and the fingerprint guard (scripted agent)', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  let server: Server;

  const { list, refused, snapshotNow, action, shrink } = withSnapshotScene((scene) => {
    ({ t, agent, agentId, server } = scene);
  });

  it('a manual snapshot is its own operation: ready, verified, sizes from the agent', async () => {
    const id = await snapshotNow();
    const [snapshot] = await list();
    expect(snapshot).toMatchObject({
      id,
      serverId: server.id,
      reason: 'manual',
      status: 'ready',
      verified: true,
      fileCount: defaultWorld.fileCount + 1,
      requestedBy: 'admin@test.local',
    });
    expect(snapshot!.sizeBytes).toBeGreaterThan(0);
    expect(agent.commands('data.snapshot')).toEqual([
      expect.objectContaining({ serverId: server.id, snapshotId: id, dataPath }),
    ]);
  });

  it('a rebuild snapshots first; a failing snapshot fails it SNAPSHOT_FAILED and leaves the container', async () => {
    const rebuilt = await action('rebuild');
    expect((await waitForOperation(t, rebuilt.operation.id)).state).toBe('succeeded');
    expect((await list())[0]).toMatchObject({ reason: 'before-rebuild', status: 'ready' });

    const before = await getServer(t, server.id);
    agent.failures['data.snapshot'] = { code: 'SNAPSHOT_FAILED', message: 'read-only root' };
    const blocked = await action('rebuild');
    const op = await waitForOperation(t, blocked.operation.id);
    expect(op.error).toMatchObject({ code: 'SNAPSHOT_FAILED' });
    expect(agent.commands('container.replace')).toHaveLength(1); // only the first rebuild's
    expect((await list())[0]).toMatchObject({ reason: 'before-rebuild', status: 'failed' });
    expect(agent.host.containersOf(server.id).map((c) => c.id)).toEqual([before.containerId]);
  });

  it('an image change snapshots at the next create, once; retention keeps manual snapshots', async () => {
    await t.admin.expect(200, ServerResponse, 'PATCH', apiPaths.agentServer(agentId, server.id), {
      imageTag: 'v2',
      snapshotRetention: 1,
    });
    const manual = await snapshotNow();
    for (let i = 0; i < 3; i++) {
      const r = await action('rebuild');
      expect((await waitForOperation(t, r.operation.id)).state).toBe('succeeded');
    }
    const reasons = (await list()).map((s) => [s.reason, s.id === manual]);
    expect(reasons).toEqual([
      ['before-rebuild', false],
      ['manual', true],
    ]);
    expect(agent.commands('data.snapshot').map((c) => c.snapshotId)).toHaveLength(4);
    const first = agent.commands('data.snapshot')[1]!.snapshotId;
    expect(agent.commands('data.snapshot.delete').map((c) => c.snapshotId)).toContain(first);
    const audit = await t.admin.call('GET', apiPaths.audit(server.id));
    const actions = (audit.body as { entries: { action: string; details: unknown }[] }).entries;
    expect(actions.filter((e) => e.action === 'snapshot.pruned')).toHaveLength(2);
    expect(
      actions.some(
        (e) =>
          e.action === 'server.rebuilt' &&
          (e.details as { snapshotReason?: string }).snapshotReason === 'before-image-change',
      ),
    ).toBe(true);
  });

  it('refuses a recreate over a shrunken world with both fingerprints; allowDataDivergence goes ahead', async () => {
    await t.admin.call('GET', apiPaths.checkData(agentId, server.id)); // running: healthy recorded
    expect((await getServer(t, server.id)).healthyFingerprint).toMatchObject(defaultWorld);
    shrink();
    await makeMissing(t, agent, server.id);
    const no = await refused('POST', apiPaths.serverAction(agentId, server.id, 'recreate'), {});
    expect(no.status).toBe(409);
    expect(no.error).toMatchObject({
      code: 'DATA_DIVERGED',
      details: {
        healthy: { fileCount: defaultWorld.fileCount, hasSaves: true },
        current: { fileCount: 3, hasSaves: false },
      },
    });
    expect(await getServer(t, server.id)).toMatchObject({
      status: 'missing',
      activeOperation: null,
    });
    expect(agent.commands('container.create')).toHaveLength(1);
    const yes = await action('recreate', { allowDataDivergence: true });
    expect((await waitForOperation(t, yes.operation.id)).state).toBe('succeeded');
    // The world accepted as it is becomes the healthy one: the next recreate is not refused.
    expect((await getServer(t, server.id)).healthyFingerprint).toMatchObject({ fileCount: 3 });
  });

  it('a diverged world never becomes healthy by a check, and auto-recreate never overrides', async () => {
    await t.admin.expect(200, ServerResponse, 'PATCH', apiPaths.agentServer(agentId, server.id), {
      autoRecreate: true,
    });
    await t.admin.call('GET', apiPaths.checkData(agentId, server.id));
    shrink();
    await t.admin.call('GET', apiPaths.checkData(agentId, server.id));
    expect((await getServer(t, server.id)).healthyFingerprint).toMatchObject(defaultWorld);
    await makeMissing(t, agent, server.id);
    const audit = async () =>
      (
        (await t.admin.call('GET', apiPaths.audit(server.id))).body as {
          entries: { action: string; outcome: string; details: { code?: string } }[];
        }
      ).entries.find((e) => e.action === 'server.auto_recreate');
    const entry = await waitFor(audit);
    expect(entry).toMatchObject({ outcome: 'failed', details: { code: 'DATA_DIVERGED' } });
    expect(agent.commands('container.create')).toHaveLength(1);
    expect((await getServer(t, server.id)).status).toBe('missing');
  });

  it('delete is admin-only and deletes the archive on the agent; offline it is refused', async () => {
    const id = await snapshotNow();
    await t.admin.call('POST', '/api/users', {
      email: 'op@test.local',
      password: 'operator-password-1',
      role: 'operator',
    });
    const op = new ApiClient(t.manager.url);
    await op.login('op@test.local', 'operator-password-1');
    expect((await op.call('DELETE', apiPaths.snapshot(id))).status).toBe(403);
    const second = await snapshotNow();
    expect((await t.admin.call('DELETE', apiPaths.snapshot(id))).status).toBe(204);
    expect(agent.commands('data.snapshot.delete').map((c) => c.snapshotId)).toEqual([id]);
    expect((await list()).map((s) => s.id)).toEqual([second]);
    await agent.disconnect();
    await waitFor(async () => (await getServer(t, server.id)).agentStatus === 'offline');
    const offline = await refused('DELETE', apiPaths.snapshot(second));
    expect(offline).toMatchObject({ status: 409, error: { code: 'INVALID_STATE' } });
    expect((await list()).map((s) => s.id)).toEqual([second]);
  });

  it('PATCH snapshotRetention: 1–100 whole numbers only', async () => {
    const patch = (snapshotRetention: unknown) =>
      t.admin.call('PATCH', apiPaths.agentServer(agentId, server.id), { snapshotRetention });
    for (const bad of [0, 101, 2.5, '5', null]) expect((await patch(bad)).status).toBe(400);
    expect((await getServer(t, server.id)).snapshotRetention).toBe(5);
    expect((await patch(12)).status).toBe(200);
    expect((await getServer(t, server.id)).snapshotRetention).toBe(12);
  });

  it('live events: snapshot.updated creating → ready, snapshot.deleted on delete', async () => {
    const stream = await openEvents(t);
    const id = await snapshotNow();
    const statusesOf = (seen: LiveEvent[]) =>
      seen.flatMap((e) =>
        e.type === 'snapshot.updated' && e.snapshot.id === id ? [e.snapshot.status] : [],
      );
    await stream.readUntil((seen) => statusesOf(seen).includes('ready'));
    expect((await t.admin.call('DELETE', apiPaths.snapshot(id))).status).toBe(204);
    await stream.readUntil((seen) => seen.some((e) => e.type === 'snapshot.deleted'));
    stream.close();
    const statuses = statusesOf(stream.events());
    expect(statuses).toEqual(['creating', 'ready']);
  });
});
