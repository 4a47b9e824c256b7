import { describe, expect, it } from 'vitest';
import { CreateAgentResponse, ListAgentsResponse } from '@contract/http/agents';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse } from '@contract/http/servers';
import { mockDb } from '../db';
import { fixtureIds } from '../fixtures';
import { send, sendRefused, useMockApi } from '../testing/api';

const { agents, servers } = fixtureIds;
const createOnLocal = (body: object) =>
  sendRefused('POST', apiPaths.agentServers(agents.local), { imageTag: 'latest', ...body });

// The mock refuses data paths exactly like the manager (see the parity test in manager/src).
describe('server folders (mock manager)', () => {
  useMockApi('admin');

  it('refuses a folder nested in another server’s folder with DATA_PATH_OVERLAP naming it', async () => {
    const { status, error } = await createOnLocal({
      name: 'data',
      serverDataPath: '/srv/zedops/alpha',
    });
    expect(status).toBe(409);
    expect(error).toMatchObject({
      code: 'DATA_PATH_OVERLAP',
      details: { serverId: servers.running, serverName: 'alpha', path: '/srv/zedops/alpha' },
    });
    expect(mockDb.servers()).toHaveLength(10);
  });

  it('a deleted server still owns its folder', async () => {
    const { error } = await createOnLocal({
      name: 'saves',
      serverDataPath: '/srv/zedops/echo/data',
    });
    expect(error).toMatchObject({
      code: 'DATA_PATH_OVERLAP',
      details: { serverId: servers.deleted },
    });
  });

  it('neighbours sharing a name prefix are fine', async () => {
    const { status } = await send(
      ServerActionResponse,
      'POST',
      apiPaths.agentServers(agents.local),
      { name: 'alphabet', imageTag: 'latest' },
    );
    expect(status).toBe(202);
  });

  it('refuses a folder outside the agent’s allowed roots with DATA_PATH_NOT_ALLOWED', async () => {
    for (const serverDataPath of ['/home/alice', '/opt', '/var/run', '/srv']) {
      const { status, error } = await createOnLocal({ name: 'intruder', serverDataPath });
      expect([status, error.code], serverDataPath).toEqual([400, 'DATA_PATH_NOT_ALLOWED']);
      expect(error.details).toEqual({ allowedRoots: ['/srv/zedops', '/mnt/games/zomboid'] });
    }
  });

  it('GET /api/agents lists each agent’s allowed roots; a new agent allows its data path', async () => {
    const created = await send(CreateAgentResponse, 'POST', apiPaths.agents, {
      name: 'new-host',
      serverDataPath: '/srv/new',
    });
    expect(created.body.agent.allowedRoots).toEqual(['/srv/new']);
    const { body } = await send(ListAgentsResponse, 'GET', apiPaths.agents);
    // In name order (contract/name-order.ts): local-host, new-host, remote-host.
    expect(body.agents.map((a) => a.allowedRoots)).toEqual([
      ['/srv/zedops', '/mnt/games/zomboid'],
      ['/srv/new'],
      ['/data/zomboid'],
    ]);
  });
});
