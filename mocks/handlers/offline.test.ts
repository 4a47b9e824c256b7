import { describe, expect, it } from 'vitest';
import { OperationResponse } from '@contract/http/operations';
import { CheckDataResponse, ServerActionResponse, ServerResponse } from '@contract/http/servers';
import { apiPaths } from '@contract/http/paths';
import { mockDb } from '../db';
import { fixtureIds } from '../fixtures';
import { act, actRefused } from '../testing/actions';
import { send, sendRefused, useMockApi, waitForOperationEnd } from '../testing/api';

const { agents, servers } = fixtureIds;
const getServer = async (id: string) =>
  (await send(ServerResponse, 'GET', apiPaths.server(id))).body.server;

describe('agent offline', () => {
  useMockApi('operator');

  it('shows the offline agent on its servers', async () => {
    expect(await getServer(servers.remoteRunning)).toMatchObject({
      status: 'running',
      agentStatus: 'offline',
    });
  });

  it('answers check-data from the cache', async () => {
    const { body } = await send(
      CheckDataResponse,
      'GET',
      apiPaths.checkData(agents.remote, servers.remoteMissing),
    );
    expect(body).toEqual({
      dataExists: true,
      checkedAt: mockDb.server(servers.remoteMissing).dataCheckedAt,
      source: 'cached',
      fingerprint: null,
    });
    const live = await send(
      CheckDataResponse,
      'GET',
      apiPaths.checkData(agents.local, servers.missing),
    );
    expect(live.body.source).toBe('live');
  });

  it('queues a recreate (202, queued: true) that can be cancelled', async () => {
    const reply = await act(agents.remote, servers.remoteMissing, 'recreate');
    expect(reply.queued).toBe(true);
    expect(reply.operation.state).toBe('queued');
    expect(reply.server.activeOperation?.progress?.phase).toBe('waiting-for-agent');

    const cancelled = await send(
      OperationResponse,
      'DELETE',
      apiPaths.operation(reply.operation.id),
    );
    expect(cancelled.body.operation.state).toBe('cancelled');
    expect(await getServer(servers.remoteMissing)).toMatchObject({
      status: 'missing',
      activeOperation: null,
    });
  });

  it('runs the queued recreate when the agent comes back online', async () => {
    const reply = await act(agents.remote, servers.remoteMissing, 'recreate');
    mockDb.setAgentStatus(agents.remote, 'online');
    expect((await waitForOperationEnd(reply.operation.id)).state).toBe('succeeded');
    expect(await getServer(servers.remoteMissing)).toMatchObject({
      status: 'running',
      agentStatus: 'online',
    });
  });

  it('restore while offline brings the record back as missing at once and queues the recreate', async () => {
    const reply = await act(agents.remote, servers.remoteDeleted, 'restore');
    expect(reply.queued).toBe(true);
    expect(reply.server).toMatchObject({ status: 'missing', deletedAt: null });
    mockDb.setAgentStatus(agents.remote, 'online');
    expect((await waitForOperationEnd(reply.operation.id)).state).toBe('succeeded');
    expect((await getServer(servers.remoteDeleted)).status).toBe('running');
  });

  it('refuses to cancel an operation that is not queued (409 INVALID_STATE)', async () => {
    const reply = await act(agents.local, servers.missing, 'recreate');
    await waitForOperationEnd(reply.operation.id);
    const { status, error } = await sendRefused('DELETE', apiPaths.operation(reply.operation.id));
    expect([status, error.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('refuses stop/rebuild/delete on an offline agent with "Agent offline"', async () => {
    for (const action of ['stop', 'restart', 'rebuild'] as const) {
      const { status, error } = await actRefused(agents.remote, servers.remoteRunning, action);
      expect([status, error.code]).toEqual([409, 'INVALID_STATE']);
      expect(error.message).toMatch(/Agent offline/);
    }
    const del = await sendRefused(
      'DELETE',
      apiPaths.agentServer(agents.remote, servers.remoteRunning),
    );
    expect(del.error.message).toMatch(/Agent offline/);
  });

  it('a running recreate whose agent drops waits for it and resumes when it is back', async () => {
    mockDb.setOperationDelayMs(200);
    const reply = await act(agents.local, servers.missing, 'recreate');
    await new Promise((r) => setTimeout(r, 120));
    mockDb.setAgentStatus(agents.local, 'offline');
    expect(mockDb.operation(reply.operation.id)).toMatchObject({
      state: 'running',
      progress: { phase: 'waiting-for-agent' },
    });
    expect(await getServer(servers.missing)).toMatchObject({
      status: 'missing',
      agentStatus: 'offline',
    });
    mockDb.setAgentStatus(agents.local, 'online');
    const op = await waitForOperationEnd(reply.operation.id, 10_000);
    expect(op.state).toBe('succeeded');
  });

  it('fails a running delete with AGENT_DISCONNECTED when its agent drops (not resumable)', async () => {
    mockDb.setOperationDelayMs(200);
    const { body: reply } = await send(
      ServerActionResponse,
      'DELETE',
      apiPaths.agentServer(agents.local, servers.running),
    );
    await new Promise((r) => setTimeout(r, 120));
    mockDb.setAgentStatus(agents.local, 'offline');
    const op = await waitForOperationEnd(reply.operation.id);
    expect(op).toMatchObject({ state: 'failed', error: { code: 'AGENT_DISCONNECTED' } });
  });

  it('still needs allowFreshStart for a queued recreate of a server without data', async () => {
    mockDb.setDataExists(servers.remoteMissing, false);
    expect((await actRefused(agents.remote, servers.remoteMissing, 'recreate')).error.code).toBe(
      'DATA_MISSING',
    );
  });
});

describe('agent offline: queued work re-checks on reconnect', () => {
  useMockApi('operator');

  it('fails a queued recreate with DATA_MISSING when the data is gone by reconnect', async () => {
    const reply = await act(agents.remote, servers.remoteMissing, 'recreate');
    mockDb.setDataExists(servers.remoteMissing, false);
    mockDb.setAgentStatus(agents.remote, 'online');
    const op = await waitForOperationEnd(reply.operation.id);
    expect(op).toMatchObject({ state: 'failed', error: { code: 'DATA_MISSING' } });
    expect(await getServer(servers.remoteMissing)).toMatchObject({
      status: 'missing',
      containerId: null,
    });
  });

  it('queues a start of a stopped server; cancelling leaves it stopped', async () => {
    mockDb.setAgentStatus(agents.local, 'offline');
    const reply = await act(agents.local, servers.stopped, 'start');
    expect(reply).toMatchObject({ queued: true, operation: { kind: 'start', state: 'queued' } });
    await send(OperationResponse, 'DELETE', apiPaths.operation(reply.operation.id));
    expect(await getServer(servers.stopped)).toMatchObject({
      status: 'stopped',
      activeOperation: null,
    });
  });
});
