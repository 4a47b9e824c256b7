import { describe, expect, it } from 'vitest';
import { AuditResponse } from '@contract/http/audit';
import { ServerResponse } from '@contract/http/servers';
import type { ScriptedAgent } from '../testing/scripted-agent';
import {
  createRunningServer,
  dataPath,
  getServer,
  waitFor,
  withManagerAndAgent,
  type TestManager,
} from '../testing/harness';

describe('auto-recreate (opt-in per server)', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  withManagerAndAgent(
    'each',
    (env) => {
      ({ t, agent, agentId } = env);
    },
    { autoRecreateBackoffMs: 100 },
  );

  const enable = async (serverId: string) =>
    ServerResponse.parse(
      (
        await t.admin.call('PATCH', `/api/agents/${agentId}/servers/${serverId}`, {
          autoRecreate: true,
        })
      ).body,
    );

  const running = (serverId: string) =>
    waitFor(async () => (await getServer(t, serverId)).status === 'running', 3000);

  it('recreates a vanished container once per outage, as system, never fresh', async () => {
    const server = await createRunningServer(t, agentId);
    expect((await enable(server.id)).server.autoRecreate).toBe(true);
    agent.destroyContainers(server.id);
    await waitFor(() => agent.commands('container.create').length === 2, 3000);
    await running(server.id);
    const create = agent.commands('container.create').at(-1)!;
    expect(create.requireData).toBe(true);
    const audit = AuditResponse.parse(
      (await t.admin.call('GET', `/api/audit?serverId=${server.id}`)).body,
    );
    expect(
      audit.entries.some((e) => e.action === 'server.auto_recreate' && e.actor === 'system'),
    ).toBe(true);

    // Second outage (after running again): one more attempt, not more.
    agent.failures['container.create'] = { code: 'IMAGE_PULL_FAILED', message: 'registry down' };
    agent.destroyContainers(server.id);
    await waitFor(() => agent.commands('container.create').length === 3, 3000);
    await new Promise((r) => setTimeout(r, 600));
    await t.admin.call('POST', `/api/agents/${agentId}/servers/sync`);
    await new Promise((r) => setTimeout(r, 400));
    expect(agent.commands('container.create')).toHaveLength(3);
    expect((await getServer(t, server.id)).status).toBe('missing');
  });

  it('never auto-recreates over absent data', async () => {
    const server = await createRunningServer(t, agentId);
    await enable(server.id);
    agent.host.dataDirs.delete(`${dataPath}/${server.name}`);
    agent.destroyContainers(server.id);
    await waitFor(async () => (await getServer(t, server.id)).status === 'missing');
    await new Promise((r) => setTimeout(r, 500));
    expect(agent.commands('container.create')).toHaveLength(1);
  });

  it('is off by default: a vanished container stays missing', async () => {
    const server = await createRunningServer(t, agentId);
    expect(server.autoRecreate).toBe(false);
    agent.destroyContainers(server.id);
    await waitFor(async () => (await getServer(t, server.id)).status === 'missing');
    await new Promise((r) => setTimeout(r, 400));
    expect(agent.commands('container.create')).toHaveLength(1);
  });
});
