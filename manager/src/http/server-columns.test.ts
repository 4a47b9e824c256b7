import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { CreateAgentResponse } from '@contract/http/agents';
import { apiPaths } from '@contract/http/paths';
import { inColumns, ServerColumnsResponse } from '@contract/http/server-columns';
import { ListServersResponse } from '@contract/http/servers';
import { maskedSecret } from '@contract/secrets';
import { signedInAs, ApiClient, startTestManager, type TestManager } from '../testing/harness';
import { seedServers } from '../testing/seed-servers';

describe('server lists in columns (?shape=columns)', () => {
  let t: TestManager;
  let agentId: string;
  let viewer: ApiClient;

  beforeAll(async () => {
    t = await startTestManager();
    for (const name of ['host-a', 'host-b']) {
      const { agent } = await t.admin.expect(201, CreateAgentResponse, 'POST', '/api/agents', {
        name,
      });
      agentId = agent.id;
      seedServers(t.dataDir, agent.id, 25, name === 'host-a' ? 2000 : 3000);
    }
    const { servers } = await t.admin.expect(200, ListServersResponse, 'GET', apiPaths.servers);
    await t.admin.call('PATCH', apiPaths.agentServer(servers[0]!.agentId, servers[0]!.id), {
      config: { RCON_PASSWORD: 'hunter2', MAX_PLAYERS: '16' },
    });
    viewer = await signedInAs(t, 'viewer');
  });
  afterAll(() => t.close());

  const both = async (client: ApiClient, path: string) => ({
    plain: (await client.expect(200, ListServersResponse, 'GET', path)).servers,
    columns: await client.expect(200, ServerColumnsResponse, 'GET', inColumns(path)),
  });

  it('carries the same servers as the plain list, for every list and every role', async () => {
    for (const client of [t.admin, viewer])
      for (const path of [apiPaths.servers, apiPaths.agentServers(agentId)]) {
        const { plain, columns } = await both(client, path);
        expect(plain.length).toBeGreaterThan(0);
        expect(columns).toEqual(plain);
      }
    const shown = (await both(viewer, apiPaths.servers)).columns;
    expect(shown.find((s) => 'RCON_PASSWORD' in s.config)!.config).toEqual({
      RCON_PASSWORD: maskedSecret,
      MAX_PLAYERS: '16',
    });
  });

  it('refuses a shape it does not know (400) and still checks the session and the agent', async () => {
    for (const shape of ['rows', 'COLUMNS', '', 'columns,rows']) {
      const res = await t.admin.call('GET', `${apiPaths.servers}?shape=${shape}`);
      expect(res.status, shape).toBe(400);
      expect(ApiErrorBody.parse(res.body).error.code).toBe('VALIDATION_FAILED');
    }
    // Other parameters are ignored, as they always were.
    expect((await t.admin.call('GET', `${apiPaths.servers}?page=2`)).status).toBe(200);
    expect(
      (await new ApiClient(t.manager.url).call('GET', inColumns(apiPaths.servers))).status,
    ).toBe(401);
    const unknown = await t.admin.call('GET', inColumns(apiPaths.agentServers('no-such-agent')));
    expect(unknown.status).toBe(404);
  });
});
