import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { ListServersResponse, ServerActionResponse } from '@contract/http/servers';
import { apiPaths } from '@contract/http/paths';
import type { ScriptedAgent } from '../testing/scripted-agent';
import {
  connectAgent,
  createRunningServer,
  dataPath,
  startTestManager,
  waitFor,
  waitForOperation,
  type TestManager,
} from '../testing/harness';

// Issue 9 item 1: a server named `data` under `{dataPath}/alpha` was alpha's own data/ folder.
describe('server folders never overlap on one agent', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;

  beforeEach(async () => {
    t = await startTestManager();
    // The host allows all of /srv, so nesting (not the roots rule) is what refuses below.
    ({ agent, agentId } = await connectAgent(t, 'host-a', {
      defaultDataPath: dataPath,
      allowedRoots: [dataPath, '/srv'],
    }));
  });
  afterEach(async () => {
    await agent.disconnect();
    await t.close();
  });

  const create = (body: Record<string, unknown>, onAgent = agentId) =>
    t.admin.call('POST', apiPaths.agentServers(onAgent), { imageTag: 'latest', ...body });
  const refusal = (res: { status: number; body: unknown }) => ({
    status: res.status,
    ...ApiErrorBody.parse(res.body).error,
  });
  const serverCount = async () =>
    ListServersResponse.parse((await t.admin.call('GET', apiPaths.agentServers(agentId))).body)
      .servers.length;

  it('refuses a server whose folder is inside another server’s folder, naming that server', async () => {
    const alpha = await createRunningServer(t, agentId, 'alpha');
    const creates = agent.commands('container.create').length;
    const res = await create({ name: 'data', serverDataPath: `${dataPath}/alpha` });
    expect(refusal(res)).toMatchObject({
      status: 409,
      code: 'DATA_PATH_OVERLAP',
      details: { serverId: alpha.id, serverName: 'alpha', path: `${dataPath}/alpha` },
    });
    expect(refusal(res).message).toContain('alpha');
    expect(agent.commands('container.create')).toHaveLength(creates);
    expect(await serverCount()).toBe(1);
  });

  it('refuses a folder deeper inside and one that contains another server’s folder', async () => {
    const alpha = await createRunningServer(t, agentId, 'alpha');
    for (const body of [
      { name: 'saves', serverDataPath: `${dataPath}/alpha/data` },
      { name: 'zomboid', serverDataPath: '/srv' },
    ]) {
      expect(refusal(await create(body)), JSON.stringify(body)).toMatchObject({
        status: 409,
        code: 'DATA_PATH_OVERLAP',
        details: { serverId: alpha.id },
      });
    }
    expect(await serverCount()).toBe(1);
  });

  it('neighbours whose names share a prefix do not overlap (compared by component)', async () => {
    await createRunningServer(t, agentId, 'alpha');
    const res = await create({ name: 'alphabet' });
    expect(res.status).toBe(202);
    const other = await create({ name: 'beta', serverDataPath: `${dataPath}/alphabet-x` });
    expect(other.status).toBe(202);
  });

  it('a deleted server still owns its folder; a purged one no longer does', async () => {
    const alpha = await createRunningServer(t, agentId, 'alpha');
    await t.admin.call('DELETE', apiPaths.agentServer(agentId, alpha.id));
    await waitFor(async () => {
      const res = await t.admin.call('GET', apiPaths.server(alpha.id));
      return (res.body as { server: { status: string } }).server.status === 'deleted';
    });
    const nested = { name: 'data', serverDataPath: `${dataPath}/alpha` };
    expect(refusal(await create(nested)).code).toBe('DATA_PATH_OVERLAP');

    const purge = await t.admin.call('DELETE', apiPaths.purge(agentId, alpha.id, false));
    await waitForOperation(t, ServerActionResponse.parse(purge.body).operation.id);
    expect((await create(nested)).status).toBe(202);
  });

  it('the same folder on another agent (another host) is not an overlap', async () => {
    await createRunningServer(t, agentId, 'alpha');
    const other = await connectAgent(t, 'host-b');
    try {
      expect((await create({ name: 'alpha' }, other.agentId)).status).toBe(202);
    } finally {
      await other.agent.disconnect();
    }
  });

  it('two concurrent nested creates: exactly one is accepted', async () => {
    const results = await Promise.all([
      create({ name: 'outer', serverDataPath: '/srv/games' }),
      create({ name: 'inner', serverDataPath: '/srv/games/outer' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([202, 409]);
  });
});
