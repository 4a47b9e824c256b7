import { describe, expect, it } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { type Server } from '@contract/http/servers';
import { defaultWorld, ScriptedAgent } from '../testing/scripted-agent';
import {
  createRunningServer,
  getServer,
  makeMissing,
  waitForOperation,
  type TestManager,
} from '../testing/harness';
import { withSnapshotScene } from '../testing/snapshot-calls';

/**
 * Snapshots, the fingerprint guard and rollbacks through the real manager (SQLite, HTTP,
 * WebSocket) with a scripted agent; the same rules on real Docker are in
 * scripts/snapshots-on-docker.test.ts.
 */
describe('rollback (scripted agent)', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  let server: Server;

  const { dir, list, accepted, refused, snapshotNow, shrink } = withSnapshotScene((scene) => {
    ({ t, agent, agentId, server } = scene);
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
});
