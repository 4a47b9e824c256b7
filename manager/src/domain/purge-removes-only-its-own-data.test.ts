import { describe, expect, it } from 'vitest';
import { AuditResponse } from '@contract/http/audit';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse } from '@contract/http/servers';
import type { ScriptedAgent } from '../testing/scripted-agent';
import {
  createRunningServer,
  dataPath,
  getServer,
  waitForOperation,
  withManagerAndAgent,
  type TestManager,
} from '../testing/harness';

// Issue 9 item 2: a missing marker counted as "ours", so a purge could delete a stranger's world.
describe('a purge with removeData that the agent refuses', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  withManagerAndAgent('each', (env) => {
    ({ t, agent, agentId } = env);
  });

  it.each([
    ['its marker names another server', (dir: string) => agent.host.markers.set(dir, 'stranger')],
    ['it has no marker', (dir: string) => agent.host.markers.delete(dir)],
  ])('when %s: the operation fails PURGE_REFUSED and nothing is removed', async (_l, tamper) => {
    const server = await createRunningServer(t, agentId, 'alpha');
    const dir = `${dataPath}/alpha`;
    tamper(dir);
    const res = await t.admin.call('DELETE', apiPaths.purge(agentId, server.id, true));
    expect(res.status).toBe(202);
    const op = await waitForOperation(t, ServerActionResponse.parse(res.body).operation.id);
    expect(op).toMatchObject({ state: 'failed', error: { code: 'PURGE_REFUSED' } });
    expect(op.error?.message).toContain('nothing was removed');

    // The server is still there, still running, its container and data untouched.
    expect(await getServer(t, server.id)).toMatchObject({ status: 'running', deletedAt: null });
    expect(agent.host.containersOf(server.id)).toHaveLength(1);
    expect(agent.host.dataDirs.has(dir)).toBe(true);
    const audit = AuditResponse.parse((await t.admin.call('GET', apiPaths.audit(server.id))).body);
    expect(audit.entries.some((e) => e.action === 'server.purged' && e.outcome === 'failed')).toBe(
      true,
    );

    // Without removeData the purge still works: the record goes, the folder stays.
    const keep = await t.admin.call('DELETE', apiPaths.purge(agentId, server.id, false));
    const kept = await waitForOperation(t, ServerActionResponse.parse(keep.body).operation.id);
    expect(kept.state).toBe('succeeded');
    expect((await t.admin.call('GET', apiPaths.server(server.id))).status).toBe(404);
    expect(agent.host.dataDirs.has(dir)).toBe(true);
  });
});
