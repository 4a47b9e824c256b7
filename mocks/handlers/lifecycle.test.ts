import { describe, expect, it } from 'vitest';
import { ListServersResponse, ServerActionResponse, ServerResponse } from '@contract/http/servers';
import { apiPaths } from '@contract/http/paths';
import { mockDb } from '../db';
import { fixtureIds } from '../fixtures';
import { act, actRefused } from '../testing/actions';
import { send, useMockApi, waitForOperationEnd } from '../testing/api';

const { agents, servers } = fixtureIds;
const getServer = async (id: string) =>
  (await send(ServerResponse, 'GET', apiPaths.server(id))).body.server;
const settle = async (reply: { operation: { id: string } }) =>
  (await waitForOperationEnd(reply.operation.id)).state;

describe('lifecycle actions follow the action table', () => {
  useMockApi('admin');

  it.each([
    ['stop', servers.missing],
    ['restart', servers.missing],
    ['stop', servers.failed],
  ] as const)('%s on a server without a container → 409 NO_CONTAINER', async (action, serverId) => {
    const { status, error } = await actRefused(agents.local, serverId, action);
    expect([status, error.code]).toEqual([409, 'NO_CONTAINER']);
    expect(error.message).toMatch(/recreate/i);
  });

  it('restart on a deleted server → 409 INVALID_STATE (restore it first), as the manager answers', async () => {
    const { status, error } = await actRefused(agents.local, servers.deleted, 'restart');
    expect([status, error.code]).toEqual([409, 'INVALID_STATE']);
    expect(error.message).toMatch(/restore/i);
  });

  it('stops a running server and starts it again', async () => {
    expect(await settle(await act(agents.local, servers.running, 'stop'))).toBe('succeeded');
    expect((await getServer(servers.running)).status).toBe('stopped');
    expect(await settle(await act(agents.local, servers.running, 'start'))).toBe('succeeded');
    expect((await getServer(servers.running)).status).toBe('running');
  });

  it('start on a missing server runs the recreate routine (and its data guard)', async () => {
    expect(await settle(await act(agents.local, servers.missing, 'start'))).toBe('succeeded');
    expect((await getServer(servers.missing)).status).toBe('running');
    expect((await actRefused(agents.local, servers.missingNoData, 'start')).error.code).toBe(
      'DATA_MISSING',
    );
  });

  it('rebuild on a missing server recreates it (never a 400)', async () => {
    const reply = await act(agents.local, servers.missing, 'rebuild');
    expect(reply.operation.kind).toBe('rebuild');
    expect(await settle(reply)).toBe('succeeded');
    expect((await getServer(servers.missing)).status).toBe('running');
    expect(mockDb.audit(servers.missing).map((e) => e.action)).toContain('server.recreated');
  });

  it('rebuild with a container replaces it, keeping the data', async () => {
    const before = await getServer(servers.running);
    expect(await settle(await act(agents.local, servers.running, 'rebuild'))).toBe('succeeded');
    const after = await getServer(servers.running);
    expect(after).toMatchObject({ status: 'running', dataExists: true });
    expect(after.containerId).not.toBe(before.containerId);
  });

  it('soft delete keeps the data and the record', async () => {
    const reply = await send(
      ServerActionResponse,
      'DELETE',
      apiPaths.agentServer(agents.local, servers.stopped),
    );
    expect(reply.status).toBe(202);
    expect(await settle(reply.body)).toBe('succeeded');
    expect(await getServer(servers.stopped)).toMatchObject({
      status: 'deleted',
      dataExists: true,
      containerId: null,
    });
    expect((await getServer(servers.stopped)).deletedAt).not.toBeNull();
  });

  it('purge removes the record; removeData=true also removes the data', async () => {
    const reply = await send(
      ServerActionResponse,
      'DELETE',
      apiPaths.purge(agents.local, servers.deleted, true),
    );
    expect(reply.status).toBe(202);
    expect(await settle(reply.body)).toBe('succeeded');
    const list = await send(ListServersResponse, 'GET', apiPaths.servers);
    expect(list.body.servers.map((s) => s.id)).not.toContain(servers.deleted);
    expect(
      mockDb.audit().find((e) => e.action === 'server.purged' && e.outcome === 'succeeded')
        ?.details,
    ).toEqual({ removeData: true });
  });

  it('removeContainer (docker rm -f) makes a running server missing', async () => {
    mockDb.removeContainer(servers.running);
    expect(await getServer(servers.running)).toMatchObject({
      status: 'missing',
      containerId: null,
      activeOperation: null,
    });
  });

  it('auto-recreates a vanished container when the server opted in and its data exists', async () => {
    mockDb.removeContainer(servers.stopped); // bravo has autoRecreate: true
    const server = mockDb.server(servers.stopped);
    expect(server.activeOperation).toMatchObject({ kind: 'recreate', requestedBy: 'system' });
    expect(await waitForOperationEnd(server.activeOperation!.id)).toMatchObject({
      state: 'succeeded',
    });
    expect((await getServer(servers.stopped)).status).toBe('running');
  });

  it.each([['recreate'], ['start'], ['rebuild'], ['stop']] as const)(
    '%s on a deleted server → 409',
    async (action) => {
      expect((await actRefused(agents.local, servers.deleted, action)).status).toBe(409);
    },
  );
});
