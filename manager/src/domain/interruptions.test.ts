import { afterEach, describe, expect, it } from 'vitest';
import { AuditResponse } from '@contract/http/audit';
import { ServerActionResponse } from '@contract/http/servers';
import { FakeHost, ScriptedAgent } from '../testing/scripted-agent';
import {
  connectAgent,
  createRunningServer,
  getOperation,
  getServer,
  makeMissing,
  startTestManager,
  waitFor,
  waitForOperation,
  type TestManager,
} from '../testing/harness';

describe('operations cut short', () => {
  let t: TestManager;
  let agents: ScriptedAgent[] = [];
  afterEach(async () => {
    for (const a of agents) await a.disconnect();
    agents = [];
    await t.close();
  });

  /**
   * A running server whose container vanished, and a recreate of it held at the agent's
   * `container.create` (sent, not answered): the point where every interruption below strikes.
   */
  async function recreateHeldAtCreate(options: Parameters<typeof startTestManager>[0] = {}) {
    t = await startTestManager(options);
    const { agent, agentId } = await connectAgent(t);
    agents.push(agent);
    const server = await createRunningServer(t, agentId);
    await makeMissing(t, agent, server.id);
    agent.hold('container.create');
    const { operation } = ServerActionResponse.parse(
      (await t.admin.call('POST', `/api/agents/${agentId}/servers/${server.id}/recreate`, {})).body,
    );
    await waitFor(() => agent.commands('container.create').length === 2);
    return { agent, server, operation };
  }

  it('agent disconnect mid-recreate: the operation waits, resumes with the same key and ends with one container', async () => {
    const { agent, server, operation } = await recreateHeldAtCreate();
    // The host did create it, but the socket drops before the reply.
    agent.host.addContainer({ serverId: server.id, serverName: server.name });
    await agent.disconnect();
    const waiting = await waitFor(async () => {
      const op = await getOperation(t, operation.id);
      return op.progress?.phase === 'waiting-for-agent' ? op : undefined;
    });
    expect(waiting.state).toBe('running');

    const again = await ScriptedAgent.connect(t.manager.url, agent.credential!, {
      host: agent.host,
    });
    agents.push(again);
    const done = await waitForOperation(t, operation.id);
    expect(done.state).toBe('succeeded');
    const resent = again.commands('container.create');
    expect(resent.map((c) => c.idempotencyKey)).toEqual([operation.id]);
    expect(agent.host.containersOf(server.id)).toHaveLength(1);
    expect((await getServer(t, server.id)).status).toBe('running');
  });

  it('past the deadline a disconnected operation ends AGENT_DISCONNECTED; reconcile on reconnect records the container', async () => {
    const { agent, server, operation } = await recreateHeldAtCreate({ resumeDeadlineMs: 50 });
    // The host did create it, but the socket drops before the reply.
    agent.host.addContainer({ serverId: server.id, serverName: server.name });
    await agent.disconnect();
    const failed = await waitForOperation(t, operation.id);
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('AGENT_DISCONNECTED');
    expect((await getServer(t, server.id)).activeOperation).toBeNull();

    const again = await ScriptedAgent.connect(t.manager.url, agent.credential!, {
      host: agent.host,
    });
    agents.push(again);
    const healed = await waitFor(async () => {
      const s = await getServer(t, server.id);
      return s.status === 'running' ? s : undefined;
    });
    expect(healed.containerId).toBe(agent.host.containersOf(server.id)[0]?.id);
  });

  it('a create reply re-sent after the agent reconnects is recorded against its operation', async () => {
    const { agent, server, operation } = await recreateHeldAtCreate({ resumeDeadlineMs: 50 });
    const request = agent.received.filter((r) => r.command.name === 'container.create').at(-1)!;
    await agent.disconnect();
    expect((await waitForOperation(t, operation.id)).error?.code).toBe('AGENT_DISCONNECTED');
    // The agent finished the create while offline and sends the reply from its outbox after welcome.
    const container = agent.host.addContainer({ serverId: server.id, serverName: server.name });
    const again = await ScriptedAgent.connect(t.manager.url, agent.credential!, {
      host: new FakeHost(),
    });
    agents.push(again);
    again.send({
      type: 'reply',
      id: request.id,
      ok: true,
      result: { container, adopted: false, imageSource: 'pulled', freshData: false },
    });
    await waitFor(async () => {
      const audit = AuditResponse.parse(
        (await t.admin.call('GET', `/api/audit?serverId=${server.id}`)).body,
      );
      return audit.entries.some((e) => e.action === 'server.recreated' && e.details.late === true);
    });
  });

  it('manager restart mid-recreate: the operation waits and resumes when the agent reconnects', async () => {
    const { agent, server, operation } = await recreateHeldAtCreate();
    await t.restart();
    expect((await getOperation(t, operation.id)).progress?.phase).toBe('waiting-for-agent');
    const again = await ScriptedAgent.connect(t.manager.url, agent.credential!, {
      host: agent.host,
    });
    agents.push(again);
    expect((await waitForOperation(t, operation.id)).state).toBe('succeeded');
    expect(agent.host.containersOf(server.id)).toHaveLength(1);
  });

  it('manager restart mid-operation, agent back too late → INTERRUPTED, server reconciled when it reconnects', async () => {
    const { agent, server, operation } = await recreateHeldAtCreate({ resumeDeadlineMs: 50 });
    agent.host.addContainer({ serverId: server.id, serverName: server.name });
    await t.restart();
    const interrupted = await waitForOperation(t, operation.id);
    expect(interrupted.state).toBe('failed');
    expect(interrupted.error?.code).toBe('INTERRUPTED');
    expect((await getServer(t, server.id)).agentStatus).not.toBe('online');

    const again = await ScriptedAgent.connect(t.manager.url, agent.credential!, {
      host: agent.host,
    });
    agents.push(again);
    await waitFor(async () => (await getServer(t, server.id)).status === 'running');
  });

  it('a create reply that arrives after the timeout is still recorded (no lost container id)', async () => {
    t = await startTestManager({ agentRequestTimeoutMs: 300 });
    const { agent, agentId } = await connectAgent(t);
    agents.push(agent);
    const server = await createRunningServer(t, agentId);
    await makeMissing(t, agent, server.id);
    agent.delays['container.create'] = 700;
    const { operation } = ServerActionResponse.parse(
      (await t.admin.call('POST', `/api/agents/${agentId}/servers/${server.id}/recreate`, {})).body,
    );
    const failed = await waitForOperation(t, operation.id);
    expect(failed.error?.code).toBe('AGENT_TIMEOUT');
    const recorded = await waitFor(async () => {
      const s = await getServer(t, server.id);
      return s.status === 'running' ? s : undefined;
    });
    expect(recorded.containerId).toBe(agent.host.containersOf(server.id)[0]?.id);
    await waitFor(async () => {
      const audit = AuditResponse.parse(
        (await t.admin.call('GET', `/api/audit?serverId=${server.id}`)).body,
      );
      return audit.entries.some((e) => e.action === 'server.recreated' && e.details.late === true);
    });
  });

  it('20 concurrent recreate requests → exactly one container.create, the rest 409 OPERATION_IN_PROGRESS', async () => {
    t = await startTestManager();
    const { agent, agentId } = await connectAgent(t);
    agents.push(agent);
    const server = await createRunningServer(t, agentId);
    await makeMissing(t, agent, server.id);
    const before = agent.commands('container.create').length;
    agent.hold('container.create');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.admin.call('POST', `/api/agents/${agentId}/servers/${server.id}/recreate`, {}),
      ),
    );
    const accepted = results.filter((r) => r.status === 202);
    const conflicts = results.filter((r) => r.status === 409);
    expect(accepted).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    const winner = ServerActionResponse.parse(accepted[0]!.body).operation.id;
    for (const c of conflicts) {
      const body = c.body as { error: { code: string; details?: { operationId?: string } } };
      expect(body.error.code).toBe('OPERATION_IN_PROGRESS');
      expect(body.error.details?.operationId).toBe(winner);
    }
    agent.release();
    await waitForOperation(t, winner);
    expect(agent.commands('container.create').length - before).toBe(1);
    expect(agent.host.containersOf(server.id)).toHaveLength(1);
  });
});
