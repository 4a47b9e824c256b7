import { describe, expect, it } from 'vitest';
import { AuditResponse } from '@contract/http/audit';
import { ListServersResponse, ServerActionResponse } from '@contract/http/servers';
import type { ScriptedAgent } from '../testing/scripted-agent';
import {
  createRunningServer,
  getServer,
  waitFor,
  waitForOperation,
  withManagerAndAgent,
  type TestManager,
} from '../testing/harness';

describe('reconcile', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  withManagerAndAgent('each', (env) => {
    ({ t, agent, agentId } = env);
  });

  const sync = async () =>
    ListServersResponse.parse(
      (await t.admin.call('POST', `/api/agents/${agentId}/servers/sync`)).body,
    ).servers;

  it('matches containers by the server-id label, not by name, and records the container id', async () => {
    const server = await createRunningServer(t, agentId);
    agent.host.containers.clear();
    // A container with the server's id label but another name (renamed by hand) is still this server's.
    const renamed = agent.host.addContainer({
      serverId: server.id,
      serverName: server.name,
      name: 'something-else',
      running: false,
    });
    // A container named like the server but labelled for another id is not.
    agent.host.addContainer({ serverId: 'someone-else', serverName: server.name });
    const listCalls = agent.commands('container.list').length;
    const checkCalls = agent.commands('data.check').length;
    const servers = await sync();
    const s = servers.find((x) => x.id === server.id)!;
    expect(s.status).toBe('stopped');
    expect(s.containerId).toBe(renamed.id);
    // ONE list and ONE batched data check per reconcile.
    expect(agent.commands('container.list').length - listCalls).toBe(1);
    expect(agent.commands('data.check').length - checkCalls).toBe(1);
  });

  it('never changes a deleted server, even if a container with its id survives', async () => {
    const server = await createRunningServer(t, agentId);
    const del = ServerActionResponse.parse(
      (await t.admin.call('DELETE', `/api/agents/${agentId}/servers/${server.id}`)).body,
    );
    await waitForOperation(t, del.operation.id);
    agent.host.addContainer({ serverId: server.id, serverName: server.name });
    await sync();
    const after = await getServer(t, server.id);
    expect(after.status).toBe('deleted');
    expect(after.deletedAt).not.toBeNull();
  });

  it('a destroy event makes the server missing by itself, with the stale container id cleared', async () => {
    const server = await createRunningServer(t, agentId);
    agent.hold('container.list'); // no list answers: the event alone must show it
    agent.destroyContainers(server.id);
    const missing = await waitFor(async () => {
      const s = await getServer(t, server.id);
      return s.status === 'missing' ? s : undefined;
    });
    agent.release();
    expect(missing.containerId).toBeNull();
  });

  it('flags two containers carrying one server id (audit server.duplicate_container)', async () => {
    const server = await createRunningServer(t, agentId);
    agent.host.addContainer({ serverId: server.id, serverName: server.name, name: 'dup' });
    await sync();
    const audit = AuditResponse.parse(
      (await t.admin.call('GET', `/api/audit?serverId=${server.id}`)).body,
    );
    expect(audit.entries.some((e) => e.action === 'server.duplicate_container')).toBe(true);
  });

  it('an interrupted first create (creating, no operation) converges to what Docker shows', async () => {
    const server = await createRunningServer(t, agentId);
    // Simulate a crash that left the row in `creating`.
    await t.manager.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(`${t.dataDir}/zedops.db`);
    db.prepare("UPDATE servers SET status = 'creating', container_id = NULL WHERE id = ?").run(
      server.id,
    );
    db.close();
    await t.restart().catch(() => undefined);
    agent = await (
      await import('../testing/scripted-agent')
    ).ScriptedAgent.connect(t.manager.url, agent.credential!, { host: agent.host });
    await waitFor(async () => (await getServer(t, server.id)).status === 'running');
  });

  it('reports cached check-data when offline and live when online', async () => {
    const server = await createRunningServer(t, agentId);
    const live = (
      await t.admin.call('GET', `/api/agents/${agentId}/servers/${server.id}/check-data`)
    ).body as { source: string; dataExists: boolean };
    expect(live).toMatchObject({ source: 'live', dataExists: true });
    await agent.disconnect();
    await waitFor(async () => (await getServer(t, server.id)).agentStatus === 'offline');
    const cached = (
      await t.admin.call('GET', `/api/agents/${agentId}/servers/${server.id}/check-data`)
    ).body as { source: string; dataExists: boolean };
    expect(cached).toMatchObject({ source: 'cached', dataExists: true });
  });
});
