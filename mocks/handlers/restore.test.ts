import { describe, expect, it } from 'vitest';
import { ServerResponse } from '@contract/http/servers';
import { apiPaths } from '@contract/http/paths';
import { mockDb } from '../db';
import { fixtureIds } from '../fixtures';
import { act, actRefused } from '../testing/actions';
import { send, useMockApi, waitForOperationEnd } from '../testing/api';

const { agents, servers } = fixtureIds;
const getServer = async (id: string) =>
  (await send(ServerResponse, 'GET', apiPaths.server(id))).body.server;

describe('restore', () => {
  useMockApi('operator');

  it('takes a deleted server with data to running in one request', async () => {
    const reply = await act(agents.local, servers.deleted, 'restore');
    expect(reply.operation.kind).toBe('restore');
    expect((await waitForOperationEnd(reply.operation.id)).state).toBe('succeeded');
    expect(await getServer(servers.deleted)).toMatchObject({
      status: 'running',
      deletedAt: null,
      dataExists: true,
    });
    const actions = mockDb.audit(servers.deleted).map((e) => `${e.action}:${e.outcome}`);
    expect(actions.slice(0, 3)).toEqual(
      expect.arrayContaining(['server.restored:succeeded', 'server.recreated:succeeded']),
    );
  });

  it('leaves a deleted server without data deleted on DATA_MISSING', async () => {
    const before = mockDb.server(servers.deletedNoData);
    const { status, error } = await actRefused(agents.local, servers.deletedNoData, 'restore');
    expect([status, error.code]).toEqual([409, 'DATA_MISSING']);
    expect(mockDb.server(servers.deletedNoData)).toEqual(before);
    expect(before.status).toBe('deleted');
  });

  it('restores over absent data with allowFreshStart', async () => {
    const reply = await act(agents.local, servers.deletedNoData, 'restore', {
      allowFreshStart: true,
    });
    expect((await waitForOperationEnd(reply.operation.id)).state).toBe('succeeded');
    expect((await getServer(servers.deletedNoData)).status).toBe('running');
  });

  it('stays deleted (with its deletedAt) when the restore fails', async () => {
    const before = mockDb.server(servers.deleted);
    mockDb.failNextOperation(servers.deleted, {
      code: 'CONTAINER_START_FAILED',
      message: 'exit 1',
    });
    const reply = await act(agents.local, servers.deleted, 'restore');
    expect((await waitForOperationEnd(reply.operation.id)).state).toBe('failed');
    expect(await getServer(servers.deleted)).toMatchObject({
      status: 'deleted',
      deletedAt: before.deletedAt,
      activeOperation: null,
    });
  });

  it('refuses restore of a server that is not deleted', async () => {
    const { status, error } = await actRefused(agents.local, servers.missing, 'restore');
    expect([status, error.code]).toEqual([409, 'INVALID_STATE']);
  });
});
