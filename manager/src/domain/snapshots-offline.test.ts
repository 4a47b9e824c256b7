import { describe, expect, it } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { type Server } from '@contract/http/servers';
import { ScriptedAgent } from '../testing/scripted-agent';
import {
  getServer,
  makeMissing,
  waitForOperation,
  waitFor,
  type TestManager,
} from '../testing/harness';
import { withSnapshotScene } from '../testing/snapshot-calls';

/**
 * Snapshots, the fingerprint guard and rollbacks through the real manager (SQLite, HTTP,
 * WebSocket) with a scripted agent; the same rules on real Docker are in
 * scripts/snapshots-on-docker.test.ts.
 */
describe('snapshots and rollback while the agent is offline (scripted agent)', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  let server: Server;

  const { list, accepted, refused, snapshotNow, shrink } = withSnapshotScene((scene) => {
    ({ t, agent, agentId, server } = scene);
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
