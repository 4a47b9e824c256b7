import { describe, expect, it } from 'vitest';
import {
  CheckDataResponse,
  ListServersResponse,
  ServerActionResponse,
  ServerResponse,
} from '@contract/http/servers';
import { apiPaths } from '@contract/http/paths';
import { mockDb } from '../db';
import { fixtureIds } from '../fixtures';
import { send, sendRefused, useMockApi, waitForOperationEnd } from '../testing/api';

const { agents, servers } = fixtureIds;
const create = (body: object, agentId: string = agents.local) =>
  send(ServerActionResponse, 'POST', apiPaths.agentServers(agentId), body);

describe('servers', () => {
  useMockApi('operator');

  it('lists all servers (deleted included) and per agent', async () => {
    const all = await send(ListServersResponse, 'GET', apiPaths.servers);
    expect(all.body.servers.map((s) => s.status)).toEqual(
      expect.arrayContaining(['running', 'stopped', 'missing', 'deleted', 'failed']),
    );
    const remote = await send(ListServersResponse, 'GET', apiPaths.agentServers(agents.remote));
    expect(remote.body.servers.map((s) => s.name).sort()).toEqual(['india', 'juliet', 'kilo']);
    expect(
      remote.body.servers.every(
        (s) => s.agentStatus === 'offline' && s.effectiveDataPath === '/data/zomboid',
      ),
    ).toBe(true);
  });

  it('creates a server: 202, creating → running, default ports picked past the taken ones', async () => {
    const { status, body } = await create({
      name: 'hotel',
      imageTag: 'latest',
      config: { MAX_PLAYERS: '8' },
    });
    expect(status).toBe(202);
    expect(body.server).toMatchObject({
      status: 'creating',
      effectiveDataPath: '/srv/zedops',
      image: null,
    });
    expect(body.operation.kind).toBe('create');
    const used = mockDb
      .servers(agents.local)
      .filter((s) => s.id !== body.server.id)
      .map((s) => s.gamePort);
    expect(used).not.toContain(body.server.gamePort);
    expect((body.server.gamePort - 16261) % 10).toBe(0);
    expect(body.server.udpPort).toBe(body.server.gamePort + 1);
    expect((await waitForOperationEnd(body.operation.id)).state).toBe('succeeded');
    const after = await send(ServerResponse, 'GET', apiPaths.server(body.server.id));
    expect(after.body.server).toMatchObject({ status: 'running', dataExists: true });
  });

  it('picks the default ports on an agent where they are free', async () => {
    mockDb.setAgentStatus(agents.remote, 'online');
    mockDb.signInAs('operator');
    const { body } = await create({ name: 'lima', imageTag: 'latest' }, agents.remote);
    expect([body.server.gamePort, body.server.udpPort, body.server.rconPort]).toEqual([
      16291, 16292, 27045,
    ]);
  });

  it('refuses a duplicate name on the same agent with NAME_TAKEN (deleted ones count)', async () => {
    for (const name of ['alpha', 'echo']) {
      const { status, error } = await sendRefused('POST', apiPaths.agentServers(agents.local), {
        name,
        imageTag: 'latest',
      });
      expect([status, error.code]).toEqual([409, 'NAME_TAKEN']);
    }
  });

  it('refuses a port already used on the agent with PORT_CONFLICT', async () => {
    const { status, error } = await sendRefused('POST', apiPaths.agentServers(agents.local), {
      name: 'hotel',
      imageTag: 'latest',
      gamePort: 16261,
    });
    expect([status, error.code]).toEqual([409, 'PORT_CONFLICT']);
  });

  it('patches autoRecreate', async () => {
    const path = apiPaths.agentServer(agents.local, servers.missing);
    const { status, body } = await send(ServerResponse, 'PATCH', path, { autoRecreate: true });
    expect(status).toBe(200);
    expect(body.server.autoRecreate).toBe(true);
    expect(mockDb.server(servers.missing).autoRecreate).toBe(true);
  });

  it('check-data is live on an online agent and sees data vanish', async () => {
    mockDb.setDataExists(servers.missing, false);
    const { body } = await send(
      CheckDataResponse,
      'GET',
      apiPaths.checkData(agents.local, servers.missing),
    );
    expect(body).toMatchObject({ dataExists: false, source: 'live' });
  });

  it('sync returns the servers of that agent; refused while the agent is offline', async () => {
    const { body } = await send(ListServersResponse, 'POST', apiPaths.sync(agents.local));
    expect(body.servers).toHaveLength(7);
    expect((await sendRefused('POST', apiPaths.sync(agents.remote))).error.code).toBe(
      'INVALID_STATE',
    );
  });
});
