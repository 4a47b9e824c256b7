import { describe, expect, it } from 'vitest';
import { ListServersResponse, ServerActionResponse, ServerResponse } from '@contract/http/servers';
import { apiPaths } from '@contract/http/paths';
import { fixtureIds } from '../fixtures';
import { send, useMockApi, waitForOperationEnd } from '../testing/api';

const { agents, servers } = fixtureIds;

describe('mock api smoke', () => {
  useMockApi('operator');

  it('lists every fixture server', async () => {
    const { status, body } = await send(ListServersResponse, 'GET', apiPaths.servers);
    expect(status).toBe(200);
    expect(body.servers).toHaveLength(10);
  });

  it('recreates a missing server with data', async () => {
    const { status, body } = await send(ServerActionResponse, 'POST', apiPaths.serverAction(agents.local, servers.missing, 'recreate'));
    expect(status).toBe(202);
    const op = await waitForOperationEnd(body.operation.id);
    expect(op.state).toBe('succeeded');
    const after = await send(ServerResponse, 'GET', apiPaths.server(servers.missing));
    expect(after.body.server.status).toBe('running');
  });
});
