import { describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { AgentResponse, RotateAgentTokenResponse } from '@contract/http/agents';
import { AuditResponse } from '@contract/http/audit';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse } from '@contract/http/servers';
import { UserAccountResponse } from '@contract/http/users';
import { ScriptedAgent } from '../testing/scripted-agent';
import {
  ApiClient,
  createRunningServer,
  dataPath,
  getServer,
  waitFor,
  waitForOperation,
  withManagerAndAgent,
  type TestManager,
} from '../testing/harness';

describe('agents: rename, data path and roots, delete, rotate the token', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  withManagerAndAgent('each', (env) => {
    ({ t, agent, agentId } = env);
  });

  const code = (res: { body: unknown }) => ApiErrorBody.parse(res.body).error.code;
  const agentNow = async () =>
    (await t.admin.expect(200, AgentResponse, 'GET', apiPaths.agent(agentId))).agent;
  const patch = (body: unknown) => t.admin.call('PATCH', apiPaths.agent(agentId), body);

  it('renames; a taken name is 409 NAME_TAKEN; junk is 400', async () => {
    const res = await patch({ name: 'Rack 2 - basement' });
    expect(AgentResponse.parse(res.body).agent.name).toBe('Rack 2 - basement');
    await t.admin.call('POST', apiPaths.agents, { name: 'other' });
    const taken = await patch({ name: 'other' });
    expect([taken.status, code(taken)]).toEqual([409, 'NAME_TAKEN']);
    for (const body of [{}, { name: '../x' }, { allowedRoots: ['/etc'] }, { token: 'x' }]) {
      const bad = await patch(body);
      expect([bad.status, code(bad)], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await agentNow()).name).toBe('Rack 2 - basement');
  });

  it('allowed roots: added ones count; removing one a server lives under is refused like a create', async () => {
    const added = AgentResponse.parse((await patch({ allowedRoots: ['/mnt/games'] })).body).agent;
    expect(added.allowedRoots).toEqual([dataPath, '/mnt/games']);
    const created = await t.admin.call('POST', apiPaths.agentServers(agentId), {
      name: 'outer',
      imageTag: 'latest',
      serverDataPath: '/mnt/games',
    });
    await waitForOperation(t, ServerActionResponse.parse(created.body).operation.id);
    const refused = await patch({ allowedRoots: [] });
    expect([refused.status, code(refused)]).toEqual([400, 'DATA_PATH_NOT_ALLOWED']);
    expect(ApiErrorBody.parse(refused.body).error.details).toEqual({ allowedRoots: [dataPath] });
    expect((await agentNow()).allowedRoots).toEqual([dataPath, '/mnt/games']);
  });

  it('a new default data path that would nest one server in another is refused (409 DATA_PATH_OVERLAP)', async () => {
    await patch({ allowedRoots: ['/mnt/games'] });
    const beta = ServerActionResponse.parse(
      (
        await t.admin.call('POST', apiPaths.agentServers(agentId), {
          name: 'beta',
          imageTag: 'latest',
          serverDataPath: '/mnt/games',
        })
      ).body,
    );
    await waitForOperation(t, beta.operation.id);
    await createRunningServer(t, agentId, 'alpha'); // on the default path
    const refused = await patch({ serverDataPath: '/mnt/games/beta' });
    expect([refused.status, code(refused)]).toEqual([409, 'DATA_PATH_OVERLAP']);
    expect(ApiErrorBody.parse(refused.body).error.details).toMatchObject({ serverName: 'beta' });
    expect((await agentNow()).serverDataPath).toBe(dataPath);
  });

  it('a new default data path moves nothing: servers on it are looked for there and show no data', async () => {
    const alpha = await createRunningServer(t, agentId, 'alpha');
    const dirsBefore = [...agent.host.dataDirs].sort();
    expect(dirsBefore).toContain(`${dataPath}/alpha`);
    const res = await patch({ serverDataPath: '/srv/other' });
    expect(AgentResponse.parse(res.body).agent).toMatchObject({
      serverDataPath: '/srv/other',
      allowedRoots: ['/srv/other'],
    });
    const after = await waitFor(async () => {
      const s = await getServer(t, alpha.id);
      return s.dataExists === false ? s : undefined;
    });
    expect(after.effectiveDataPath).toBe('/srv/other');
    expect([...agent.host.dataDirs].sort()).toEqual(dirsBefore);
    // The fresh-start guard still stands between the user and an empty world.
    agent.destroyContainers(alpha.id);
    await waitFor(async () => (await getServer(t, alpha.id)).status === 'missing');
    const recreate = await t.admin.call(
      'POST',
      apiPaths.serverAction(agentId, alpha.id, 'recreate'),
      {},
    );
    expect([recreate.status, code(recreate)]).toEqual([409, 'DATA_MISSING']);
  });

  it('delete: 409 AGENT_HAS_SERVERS while a server is not purged (deleted ones too), then 204 and the socket closes 4401', async () => {
    const alpha = await createRunningServer(t, agentId, 'alpha');
    const busy = await t.admin.call('DELETE', apiPaths.agent(agentId));
    expect([busy.status, code(busy)]).toEqual([409, 'AGENT_HAS_SERVERS']);
    const del = ServerActionResponse.parse(
      (await t.admin.call('DELETE', apiPaths.agentServer(agentId, alpha.id))).body,
    );
    await waitForOperation(t, del.operation.id);
    const stillDeleted = await t.admin.call('DELETE', apiPaths.agent(agentId));
    expect([stillDeleted.status, code(stillDeleted)]).toEqual([409, 'AGENT_HAS_SERVERS']);
    const purge = ServerActionResponse.parse(
      (await t.admin.call('DELETE', apiPaths.purge(agentId, alpha.id, false))).body,
    );
    expect((await waitForOperation(t, purge.operation.id)).state).toBe('succeeded');
    expect((await t.admin.call('DELETE', apiPaths.agent(agentId))).status).toBe(204);
    await waitFor(() => agent.closeCode === 4401);
    expect((await t.admin.call('GET', apiPaths.agent(agentId))).status).toBe(404);
    await expect(ScriptedAgent.connect(t.manager.url, agent.credential!)).rejects.toThrow(
      'rejected: INVALID_TOKEN',
    );
    // The name is free again.
    expect((await t.admin.call('POST', apiPaths.agents, { name: 'host-a' })).status).toBe(201);
  });

  it('rotating: the live socket is closed 4401 at once, old credential and token refused, the new token works once', async () => {
    const { registrationToken } = await t.admin.expect(
      200,
      RotateAgentTokenResponse,
      'POST',
      apiPaths.agentToken(agentId),
    );
    await waitFor(() => agent.closeCode === 4401);
    expect((await agentNow()).status).toBe('offline');
    await expect(ScriptedAgent.connect(t.manager.url, agent.credential!)).rejects.toThrow(
      'rejected: INVALID_TOKEN',
    );
    const next = await ScriptedAgent.connect(t.manager.url, registrationToken);
    expect(next.agentId).toBe(agentId);
    await waitFor(async () => (await agentNow()).status === 'online');
    await next.disconnect();
    await expect(ScriptedAgent.connect(t.manager.url, registrationToken)).rejects.toThrow(
      'rejected: INVALID_TOKEN',
    );
    agent = await ScriptedAgent.connect(t.manager.url, next.credential!);
  });

  it('operators cannot change, delete or rotate an agent; every change is audited', async () => {
    await t.admin.expect(201, UserAccountResponse, 'POST', apiPaths.users, {
      email: 'op@test.local',
      password: 'operator-password',
      role: 'operator',
    });
    const operator = new ApiClient(t.manager.url);
    await operator.login('op@test.local', 'operator-password');
    for (const [method, path, body] of [
      ['PATCH', apiPaths.agent(agentId), { name: 'mine' }],
      ['DELETE', apiPaths.agent(agentId), undefined],
      ['POST', apiPaths.agentToken(agentId), undefined],
    ] as const) {
      const res = await operator.call(method, path, body);
      expect([res.status, code(res)], `${method} ${path}`).toEqual([403, 'FORBIDDEN']);
    }
    expect(agent.closeCode).toBeUndefined();
    await patch({ name: 'renamed' });
    await t.admin.call('POST', apiPaths.agentToken(agentId));
    const { entries } = await t.admin.expect(200, AuditResponse, 'GET', '/api/audit?limit=50');
    const mine = entries.filter((e) => e.agentId === agentId).map((e) => e.action);
    expect(mine).toEqual(expect.arrayContaining(['agent.updated', 'agent.token_rotated']));
    expect(entries.find((e) => e.action === 'agent.updated')?.details).toEqual({
      name: { from: 'host-a', to: 'renamed' },
    });
  });
});
