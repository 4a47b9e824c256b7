import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { AgentResponse, CreateAgentResponse, ListAgentsResponse } from '@contract/http/agents';
import { apiPaths } from '@contract/http/paths';
import { ScriptedAgent } from '../testing/scripted-agent';
import { connectAgent, dataPath, startTestManager, type TestManager } from '../testing/harness';

// Issue 9 item 3: a data path was only checked against a short deny-list, so an operator could
// bind-mount /home, /root, /var/run, /var/lib or /opt into any image.
describe('server folders stay under the roots the agent allows', () => {
  let t: TestManager;
  const scripted: ScriptedAgent[] = [];

  beforeEach(async () => {
    t = await startTestManager();
  });
  afterEach(async () => {
    for (const a of scripted.splice(0)) await a.disconnect();
    await t.close();
  });

  const newAgent = async (body: Record<string, unknown>) =>
    t.admin.expect(201, CreateAgentResponse, 'POST', apiPaths.agents, body);
  const agentOf = async (agentId: string) =>
    (await t.admin.expect(200, AgentResponse, 'GET', apiPaths.agent(agentId))).agent;
  const connected = async (options: Parameters<typeof connectAgent>[2]) => {
    const c = await connectAgent(t, 'host-a', options);
    scripted.push(c.agent);
    return c;
  };

  it('before it ever connects, an agent allows what the admin created it with', async () => {
    const { agent } = await newAgent({ name: 'host-p', serverDataPath: '/srv/games' });
    expect(agent.allowedRoots).toEqual(['/srv/games']);
    const { agent: bare } = await newAgent({ name: 'host-q' });
    const list = ListAgentsResponse.parse((await t.admin.call('GET', apiPaths.agents)).body);
    expect(list.agents.find((a) => a.id === bare.id)?.allowedRoots).toEqual([]);
  });

  it('after hello: the default data path plus the roots the agent declared', async () => {
    const { agentId } = await connected({
      defaultDataPath: dataPath,
      allowedRoots: [dataPath, '/mnt/games'],
    });
    expect((await agentOf(agentId)).allowedRoots).toEqual([dataPath, '/mnt/games']);
  });

  it('an agent older than allowedRoots declares just its default data path', async () => {
    const { agentId } = await connected({ defaultDataPath: dataPath });
    expect((await agentOf(agentId)).allowedRoots).toEqual([dataPath]);
  });

  it('refuses 400 DATA_PATH_NOT_ALLOWED, listing the roots, for any folder outside them', async () => {
    const { agent, agentId } = await connected({
      defaultDataPath: dataPath,
      allowedRoots: [dataPath, '/mnt/games'],
    });
    const outside = ['/home/alice', '/root', '/var/run', '/var/lib/mysql', '/opt', '/tmp'];
    for (const serverDataPath of [...outside, '/srv/zomboid-evil', '/mnt']) {
      const res = await t.admin.call('POST', apiPaths.agentServers(agentId), {
        name: 'intruder',
        imageTag: 'latest',
        serverDataPath,
      });
      expect(res.status, serverDataPath).toBe(400);
      const { error } = ApiErrorBody.parse(res.body);
      expect(error).toMatchObject({
        code: 'DATA_PATH_NOT_ALLOWED',
        details: { allowedRoots: [dataPath, '/mnt/games'] },
      });
      expect(error.message).toContain(`${serverDataPath}/intruder`);
    }
    // A root itself is never a server's folder: its purge would delete every neighbour.
    const rootItself = await t.admin.call('POST', apiPaths.agentServers(agentId), {
      name: 'zomboid',
      imageTag: 'latest',
      serverDataPath: '/srv',
    });
    expect(ApiErrorBody.parse(rootItself.body).error.code).toBe('DATA_PATH_NOT_ALLOWED');
    expect(agent.commands('container.create')).toHaveLength(0);

    const inside = await t.admin.call('POST', apiPaths.agentServers(agentId), {
      name: 'allowed',
      imageTag: 'latest',
      serverDataPath: '/mnt/games/deep',
    });
    expect(inside.status).toBe(202);
  });

  it('a reconnect with fewer roots narrows the list', async () => {
    const first = await connected({
      defaultDataPath: dataPath,
      allowedRoots: [dataPath, '/mnt/g'],
    });
    await first.agent.disconnect();
    const again = await ScriptedAgent.connect(t.manager.url, first.agent.credential!, {
      defaultDataPath: dataPath,
      allowedRoots: [dataPath],
    });
    scripted.push(again);
    expect((await agentOf(first.agentId)).allowedRoots).toEqual([dataPath]);
  });

  it.each([
    ['a relative default path', { defaultDataPath: '../../relative' }],
    ['a system default path', { defaultDataPath: '/etc/zomboid' }],
    ['a root that is not normalised', { defaultDataPath: null, allowedRoots: ['/srv//x'] }],
    ['a root at /', { defaultDataPath: '/srv/x', allowedRoots: ['/srv/x', '/'] }],
  ])('a hello with %s is rejected (BAD_HELLO) and nothing is stored', async (_label, hello) => {
    const { agent, registrationToken } = await newAgent({ name: 'host-r' });
    await expect(ScriptedAgent.connect(t.manager.url, registrationToken, hello)).rejects.toThrow(
      'rejected: BAD_HELLO',
    );
    expect(await agentOf(agent.id)).toMatchObject({
      status: 'pending',
      serverDataPath: null,
      allowedRoots: [],
    });
  });
});
