import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { OperationResponse } from '@contract/http/operations';
import { ServerActionResponse } from '@contract/http/servers';
import { AgentResponse } from '@contract/http/agents';
import { ScriptedAgent } from '../testing/scripted-agent';
import {
  connectAgent,
  createRunningServer,
  getServer,
  makeMissing,
  startTestManager,
  waitFor,
  waitForOperation,
  type TestManager,
} from '../testing/harness';

describe('agent offline: queued operations', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  let token: string;

  beforeEach(async () => {
    t = await startTestManager();
    ({ agent, agentId, token } = await connectAgent(t));
  });
  afterEach(async () => {
    await agent.disconnect();
    await t.close();
  });

  async function goOffline(): Promise<void> {
    await agent.disconnect();
    await waitFor(async () => (await getServer(t, serverIdForOffline)).agentStatus === 'offline');
  }
  let serverIdForOffline = '';
  const reconnect = async () => {
    agent = await ScriptedAgent.connect(t.manager.url, agent.credential ?? token, {
      host: agent.host,
    });
  };

  it('accepts recreate as queued (202, queued: true) and runs it on reconnect with a fresh data check', async () => {
    const server = await createRunningServer(t, agentId);
    serverIdForOffline = server.id;
    await makeMissing(t, agent, server.id);
    await goOffline();
    const res = await t.admin.call(
      'POST',
      `/api/agents/${agentId}/servers/${server.id}/recreate`,
      {},
    );
    expect(res.status).toBe(202);
    const body = ServerActionResponse.parse(res.body);
    expect(body.queued).toBe(true);
    expect(body.operation.state).toBe('queued');
    expect(body.operation.progress?.phase).toBe('waiting-for-agent');
    expect((await getServer(t, server.id)).activeOperation?.id).toBe(body.operation.id);

    await reconnect();
    const done = await waitForOperation(t, body.operation.id);
    expect(done.state).toBe('succeeded');
    expect((await getServer(t, server.id)).status).toBe('running');
    const kinds = agent.received.map((r) => r.command.name);
    expect(kinds.indexOf('data.check')).toBeLessThan(kinds.indexOf('container.create'));
  });

  it('cancels a queued operation; nothing runs on reconnect', async () => {
    const server = await createRunningServer(t, agentId);
    serverIdForOffline = server.id;
    await makeMissing(t, agent, server.id);
    await goOffline();
    const { operation } = ServerActionResponse.parse(
      (await t.admin.call('POST', `/api/agents/${agentId}/servers/${server.id}/start`, {})).body,
    );
    const cancel = await t.admin.call('DELETE', `/api/operations/${operation.id}`);
    expect(cancel.status).toBe(200);
    expect(OperationResponse.parse(cancel.body).operation.state).toBe('cancelled');
    expect((await getServer(t, server.id)).activeOperation).toBeNull();
    // cancelling again: it is no longer queued
    expect((await t.admin.call('DELETE', `/api/operations/${operation.id}`)).status).toBe(409);
    await reconnect();
    await waitFor(async () => (await getServer(t, server.id)).agentStatus === 'online');
    await new Promise((r) => setTimeout(r, 200));
    expect(agent.commands('container.create')).toHaveLength(0);
    expect((await getServer(t, server.id)).status).toBe('missing');
  });

  it('restore while offline restores the record now (missing) and queues the recreate', async () => {
    const server = await createRunningServer(t, agentId);
    serverIdForOffline = server.id;
    const del = ServerActionResponse.parse(
      (await t.admin.call('DELETE', `/api/agents/${agentId}/servers/${server.id}`)).body,
    );
    await waitForOperation(t, del.operation.id);
    await goOffline();
    const body = ServerActionResponse.parse(
      (await t.admin.call('POST', `/api/agents/${agentId}/servers/${server.id}/restore`, {})).body,
    );
    expect(body.queued).toBe(true);
    expect(body.server.status).toBe('missing');
    expect(body.server.deletedAt).toBeNull();
    await reconnect();
    expect((await waitForOperation(t, body.operation.id)).state).toBe('succeeded');
    expect((await getServer(t, server.id)).status).toBe('running');
  });

  it('refuses stop/delete while the agent is offline with 409 INVALID_STATE', async () => {
    const server = await createRunningServer(t, agentId);
    serverIdForOffline = server.id;
    await goOffline();
    const stop = await t.admin.call('POST', `/api/agents/${agentId}/servers/${server.id}/stop`, {});
    expect(stop.status).toBe(409);
    expect(ApiErrorBody.parse(stop.body).error.code).toBe('INVALID_STATE');
    const del = await t.admin.call('DELETE', `/api/agents/${agentId}/servers/${server.id}`);
    expect(ApiErrorBody.parse(del.body).error.code).toBe('INVALID_STATE');
  });
  it('Docker unreachable shows the agent offline with the reason; actions queue until Docker is back', async () => {
    const server = await createRunningServer(t, agentId);
    await makeMissing(t, agent, server.id);
    agent.send({
      type: 'docker.status',
      docker: { available: false, reason: 'connect ENOENT /var/run/docker.sock' },
    });
    const offline = await waitFor(async () => {
      const { agent: a } = AgentResponse.parse(
        (await t.admin.call('GET', `/api/agents/${agentId}`)).body,
      );
      return a.status === 'offline' ? a : undefined;
    });
    expect(offline.statusReason).toMatch(/Docker engine unreachable: connect ENOENT/);
    const body = ServerActionResponse.parse(
      (await t.admin.call('POST', `/api/agents/${agentId}/servers/${server.id}/recreate`, {})).body,
    );
    expect(body.queued).toBe(true);
    agent.send({ type: 'heartbeat', at: new Date().toISOString(), docker: { available: true } });
    expect((await waitForOperation(t, body.operation.id)).state).toBe('succeeded');
    const { agent: online } = AgentResponse.parse(
      (await t.admin.call('GET', `/api/agents/${agentId}`)).body,
    );
    expect(online).toMatchObject({ status: 'online', statusReason: null });
  });
});
