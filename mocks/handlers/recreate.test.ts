import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '@contract/events';
import { ServerResponse } from '@contract/http/servers';
import { apiPaths } from '@contract/http/paths';
import { mockDb } from '../db';
import { fixtureIds } from '../fixtures';
import { act, actRefused } from '../testing/actions';
import { send, useMockApi, waitForOperationEnd } from '../testing/api';

const { agents, servers } = fixtureIds;
const getServer = async (id: string) =>
  (await send(ServerResponse, 'GET', apiPaths.server(id))).body.server;

describe('recreate', () => {
  useMockApi('operator');

  it('takes a missing server with data through an operation to running', async () => {
    const events: LiveEvent[] = [];
    const unsubscribe = mockDb.subscribe((e) => events.push(e));
    const reply = await act(agents.local, servers.missing, 'recreate');
    expect(reply.operation).toMatchObject({
      kind: 'recreate',
      state: 'queued',
      requestedBy: 'operator@zedops.local',
    });
    expect(reply.queued).toBeUndefined();
    expect(reply.server.activeOperation?.id).toBe(reply.operation.id);

    const done = await waitForOperationEnd(reply.operation.id);
    unsubscribe();
    expect(done.state).toBe('succeeded');
    const server = await getServer(servers.missing);
    expect(server).toMatchObject({ status: 'running', activeOperation: null, dataExists: true });
    expect(server.containerId).not.toBeNull();

    const phases = events.flatMap((e) =>
      e.type === 'operation.updated' && e.operation.progress ? [e.operation.progress] : [],
    );
    expect(phases.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['checking-data', 'pulling', 'creating', 'starting']),
    );
    expect(phases.filter((p) => p.phase === 'pulling').map((p) => p.percent)).toEqual([
      0, 25, 50, 75, 100,
    ]);
    expect(
      events.some(
        (e) => e.type === 'server.updated' && e.server.activeOperation?.state === 'running',
      ),
    ).toBe(true);
    expect(mockDb.audit(servers.missing)[0]).toMatchObject({
      action: 'server.recreated',
      outcome: 'succeeded',
      details: { fresh: false },
    });
  });

  it('refuses a recreate over absent data with 409 DATA_MISSING and changes nothing', async () => {
    const before = mockDb.server(servers.missingNoData);
    const auditBefore = mockDb.audit().length;
    const { status, error } = await actRefused(agents.local, servers.missingNoData, 'recreate');
    expect([status, error.code]).toEqual([409, 'DATA_MISSING']);
    expect(mockDb.server(servers.missingNoData)).toEqual(before);
    expect(mockDb.audit()).toHaveLength(auditBefore);
  });

  it('starts a fresh world only with allowFreshStart: true', async () => {
    const reply = await act(agents.local, servers.missingNoData, 'recreate', {
      allowFreshStart: true,
    });
    expect(reply.operation.allowFreshStart).toBe(true);
    expect((await waitForOperationEnd(reply.operation.id)).state).toBe('succeeded');
    expect((await getServer(servers.missingNoData)).status).toBe('running');
    expect(mockDb.audit(servers.missingNoData)[0]).toMatchObject({
      action: 'server.recreated',
      details: { fresh: true },
    });
  });

  it('refuses when the data vanished after the UI checked it (the DATA_MISSING race)', async () => {
    mockDb.setDataExists(servers.missing, false);
    const { error } = await actRefused(agents.local, servers.missing, 'recreate');
    expect(error.code).toBe('DATA_MISSING');
    expect(mockDb.server(servers.missing).status).toBe('missing');
  });

  it('refuses a second action while one is active with OPERATION_IN_PROGRESS and its id', async () => {
    const first = await act(agents.local, servers.missing, 'recreate');
    const { status, error } = await actRefused(agents.local, servers.missing, 'recreate');
    expect([status, error.code]).toEqual([409, 'OPERATION_IN_PROGRESS']);
    expect(error.details?.operationId).toBe(first.operation.id);
    await waitForOperationEnd(first.operation.id);
  });

  it('refuses recreate with 409 INVALID_STATE when a container exists', async () => {
    const { status, error } = await actRefused(agents.local, servers.running, 'recreate');
    expect([status, error.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('recreates a failed server', async () => {
    const reply = await act(agents.local, servers.failed, 'recreate');
    expect((await waitForOperationEnd(reply.operation.id)).state).toBe('succeeded');
    expect((await getServer(servers.failed)).status).toBe('running');
  });

  it('ends failed with the injected error and leaves the server missing (retry works)', async () => {
    mockDb.failNextOperation(servers.missing, {
      code: 'IMAGE_PULL_FAILED',
      message: 'registry down',
    });
    const reply = await act(agents.local, servers.missing, 'recreate');
    const failed = await waitForOperationEnd(reply.operation.id);
    expect(failed).toMatchObject({
      state: 'failed',
      error: { code: 'IMAGE_PULL_FAILED', message: 'registry down' },
    });
    expect(await getServer(servers.missing)).toMatchObject({
      status: 'missing',
      containerId: null,
      activeOperation: null,
      dataExists: true,
    });
    expect(mockDb.audit(servers.missing)[0]).toMatchObject({
      action: 'server.recreated',
      outcome: 'failed',
    });

    const retry = await act(agents.local, servers.missing, 'recreate');
    expect((await waitForOperationEnd(retry.operation.id)).state).toBe('succeeded');
  });
});
