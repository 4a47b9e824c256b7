import { describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse, ServerResponse, type Server } from '@contract/http/servers';
import { ListSnapshotsResponse } from '@contract/http/snapshots';
import { defaultWorld, ScriptedAgent } from '../testing/scripted-agent';
import {
  ApiClient,
  createRunningServer,
  dataPath,
  getServer,
  makeMissing,
  waitForOperation,
  waitFor,
  withManagerAndAgent,
  type TestManager,
} from '../testing/harness';

/**
 * Snapshots, the fingerprint guard and rollbacks through the real manager (SQLite, HTTP,
 * WebSocket) with a scripted agent; the same rules on real Docker are in
 * scripts/snapshots-on-docker.test.ts.
 */
describe('snapshots, the fingerprint guard and rollback (scripted agent)', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  let server: Server;

  withManagerAndAgent('each', async (env) => {
    ({ t, agent, agentId } = env);
    server = await createRunningServer(t, agentId);
  });

  const dir = () => `${dataPath}/${server.name}`;
  const list = async () =>
    (await t.admin.expect(200, ListSnapshotsResponse, 'GET', apiPaths.serverSnapshots(server.id)))
      .snapshots;
  const accepted = async (method: string, path: string, body?: unknown) => {
    const res = await t.admin.call(method, path, body);
    if (res.status !== 202) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return ServerActionResponse.parse(res.body);
  };
  const refused = async (method: string, path: string, body?: unknown) => {
    const res = await t.admin.call(method, path, body);
    return { status: res.status, error: ApiErrorBody.parse(res.body).error };
  };
  const snapshotNow = async () => {
    const reply = await accepted('POST', apiPaths.takeSnapshot(agentId, server.id), {});
    expect((await waitForOperation(t, reply.operation.id)).state).toBe('succeeded');
    return reply.operation.snapshotId!;
  };
  const action = (name: string, body: unknown = {}) =>
    accepted('POST', apiPaths.serverAction(agentId, server.id, name), body);
  const shrink = () =>
    agent.host.worlds.set(dir(), { fileCount: 3, totalBytes: 10, hasSaves: false, takenAt: '' });

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

  it('rollback: stops, snapshots the current world, restores, starts again', async () => {
    const target = await snapshotNow();
    shrink();
    const reply = await accepted('POST', apiPaths.rollback(agentId, server.id), {
      snapshotId: target,
    });
    expect(reply.operation).toMatchObject({ kind: 'rollback', snapshotId: target });
    expect((await waitForOperation(t, reply.operation.id)).state).toBe('succeeded');
    const names = agent.received.map((r) => r.command.name);
    const from = names.lastIndexOf('container.stop');
    expect(names.slice(from).filter((n) => n !== 'container.list' && n !== 'data.check')).toEqual([
      'container.stop',
      'data.snapshot',
      'data.restore',
      'container.start',
    ]);
    expect(await agent.host.worlds.get(dir())).toMatchObject(defaultWorld);
    expect((await list())[0]).toMatchObject({ reason: 'before-rollback', status: 'ready' });
    expect(await getServer(t, server.id)).toMatchObject({
      status: 'running',
      healthyFingerprint: defaultWorld,
    });
  });

  it('a failed restore starts the server again on the world it had', async () => {
    const target = await snapshotNow();
    agent.failures['data.restore'] = { code: 'RESTORE_FAILED', message: 'disk full' };
    const reply = await accepted('POST', apiPaths.rollback(agentId, server.id), {
      snapshotId: target,
    });
    expect((await waitForOperation(t, reply.operation.id)).error?.code).toBe('RESTORE_FAILED');
    expect(agent.commands('container.start').length).toBeGreaterThan(0);
    expect(agent.host.containersOf(server.id)[0]?.running).toBe(true);
  });

  it('rollback of a server without a container leaves it missing', async () => {
    const target = await snapshotNow();
    await makeMissing(t, agent, server.id);
    const reply = await accepted('POST', apiPaths.rollback(agentId, server.id), {
      snapshotId: target,
    });
    expect((await waitForOperation(t, reply.operation.id)).state).toBe('succeeded');
    expect((await getServer(t, server.id)).status).toBe('missing');
    expect(agent.commands('container.create')).toHaveLength(1);
  });

  it('hostile rollbacks: another server’s snapshot or an unknown id → 404, junk → 400; nothing runs', async () => {
    const other = await createRunningServer(t, agentId, 'bravo');
    const theirs = await accepted('POST', apiPaths.takeSnapshot(agentId, other.id), {});
    await waitForOperation(t, theirs.operation.id);
    const path = apiPaths.rollback(agentId, server.id);
    expect((await refused('POST', path, { snapshotId: theirs.operation.snapshotId })).status).toBe(
      404,
    );
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await refused('POST', path, { snapshotId: unknown })).status).toBe(404);
    expect((await refused('POST', path, { snapshotId: '../../etc/passwd' })).status).toBe(400);
    expect((await refused('POST', path, {})).status).toBe(400);
    expect((await refused('DELETE', apiPaths.snapshot('not-a-uuid'))).status).toBe(404);
    expect((await refused('DELETE', apiPaths.snapshot(unknown))).status).toBe(404);
    expect(agent.commands('data.restore')).toEqual([]);
    expect((await getServer(t, server.id)).activeOperation).toBeNull();
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
    const controller = new AbortController();
    const res = await fetch(`${t.manager.url}${apiPaths.events}`, {
      headers: { cookie: t.admin.cookie! },
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    let text = '';
    const readUntil = (enough: (seen: string) => boolean) =>
      waitFor(async () => {
        const chunk = await reader.read();
        text += new TextDecoder().decode(chunk.value);
        return enough(text);
      });
    await readUntil((seen) => seen.includes(': connected'));
    const id = await snapshotNow();
    await readUntil((seen) => seen.includes('"status":"ready"'));
    expect((await t.admin.call('DELETE', apiPaths.snapshot(id))).status).toBe(204);
    await readUntil((seen) => seen.includes('event: snapshot.deleted'));
    controller.abort();
    const statuses = text
      .split('\n')
      .filter((l) => l.startsWith('data: ') && l.includes('"snapshot.updated"'))
      .map((l) => (JSON.parse(l.slice(6)) as { snapshot: { id: string; status: string } }).snapshot)
      .filter((s) => s.id === id)
      .map((s) => s.status);
    expect(statuses).toEqual(['creating', 'ready']);
  });

  describe('agent offline', () => {
    const goOffline = async () => {
      await agent.disconnect();
      await waitFor(async () => (await getServer(t, server.id)).agentStatus === 'offline');
    };
    let credential = '';
    const reconnect = async () => {
      credential = agent.credential ?? credential; // handed out once, at the first welcome
      agent = await ScriptedAgent.connect(t.manager.url, credential, { host: agent.host });
    };

    it('a snapshot and then a rollback wait for the agent (queued) and run when it is back', async () => {
      const target = await snapshotNow();
      await goOffline();
      const queued = await accepted('POST', apiPaths.takeSnapshot(agentId, server.id), {});
      expect(queued).toMatchObject({
        queued: true,
        operation: { state: 'queued', kind: 'snapshot' },
      });
      const busy = await refused('POST', apiPaths.rollback(agentId, server.id), {
        snapshotId: target,
      });
      expect(busy.error.code).toBe('OPERATION_IN_PROGRESS');
      await reconnect();
      expect((await waitForOperation(t, queued.operation.id)).state).toBe('succeeded');
      expect((await list())[0]).toMatchObject({ id: queued.operation.snapshotId, status: 'ready' });

      await goOffline();
      const rollback = await accepted('POST', apiPaths.rollback(agentId, server.id), {
        snapshotId: target,
      });
      expect(rollback.queued).toBe(true);
      expect(agent.commands('data.restore')).toEqual([]);
      await reconnect();
      expect((await waitForOperation(t, rollback.operation.id)).state).toBe('succeeded');
      expect(agent.commands('data.restore').map((c) => c.snapshotId)).toEqual([target]);
      expect((await getServer(t, server.id)).status).toBe('running');
    });

    it('a snapshot cut short by a disconnect resumes with the same snapshot id', async () => {
      agent.hold('data.snapshot');
      const reply = await accepted('POST', apiPaths.takeSnapshot(agentId, server.id), {});
      await waitFor(() => agent.commands('data.snapshot').length === 1);
      await agent.disconnect();
      await waitFor(
        async () =>
          (await getServer(t, server.id)).activeOperation?.progress?.phase === 'waiting-for-agent',
      );
      await reconnect();
      expect((await waitForOperation(t, reply.operation.id)).state).toBe('succeeded');
      const ids = agent.commands('data.snapshot').map((c) => c.snapshotId);
      expect(ids).toEqual([reply.operation.snapshotId]);
      expect(await list()).toHaveLength(1);
    });

    it('a queued recreate over a world that diverged meanwhile fails DATA_DIVERGED on reconnect', async () => {
      await t.admin.call('GET', apiPaths.checkData(agentId, server.id));
      await makeMissing(t, agent, server.id);
      await goOffline();
      const queued = await accepted(
        'POST',
        apiPaths.serverAction(agentId, server.id, 'recreate'),
        {},
      );
      shrink();
      await reconnect();
      const op = await waitForOperation(t, queued.operation.id);
      expect(op.error).toMatchObject({
        code: 'DATA_DIVERGED',
        details: { healthy: { hasSaves: true }, current: { hasSaves: false } },
      });
      expect(agent.commands('container.create')).toEqual([]); // the agent since it is back
      expect((await getServer(t, server.id)).status).toBe('missing');
    });
  });
});
