import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { ListAgentsResponse } from '@contract/http/agents';
import { inColumns, serverCountHeader } from '@contract/http/list-shape';
import { apiPaths } from '@contract/http/paths';
import { OperationResponse } from '@contract/http/operations';
import {
  ListServersResponse,
  ServerActionResponse,
  ServerResponse,
  type Server,
} from '@contract/http/servers';
import { ServerColumnsResponse } from '@contract/http/server-columns';
import { ListSnapshotsResponse } from '@contract/http/snapshots';
import { compareByName } from '@contract/name-order';
import { mockDb } from '@mocks/db';
import { fixtureIds } from '@mocks/fixtures';
import { server as mswServer } from '@mocks/node';
import { ScriptedAgent } from './testing/scripted-agent';
import {
  connectAgent,
  createRunningServer,
  dataPath,
  makeMissing,
  startTestManager,
  waitFor,
  type TestManager,
} from './testing/harness';

/**
 * The mock cannot drift: the same API-level cases run against the MSW handlers and the real
 * manager (with a scripted agent), every response parsed with its contract schema.
 */
interface Driver {
  call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown; headers: Headers }>;
  agentId: string;
  ids: {
    running: string;
    missing: string;
    missingNoData: string;
    deleted: string;
    deletedNoData: string;
  };
}

function parityCases(driver: () => Driver) {
  const d = () => driver();
  const action = (serverId: string, name: string, body: unknown = {}) =>
    d().call('POST', apiPaths.serverAction(d().agentId, serverId, name), body);
  const server = async (id: string): Promise<Server> =>
    ServerResponse.parse((await d().call('GET', apiPaths.server(id))).body).server;
  const refused = (res: { status: number; body: unknown }) => [
    res.status,
    ApiErrorBody.parse(res.body).error.code,
  ];
  const finish = async (res: { status: number; body: unknown }) => {
    expect(res.status).toBe(202);
    const { operation } = ServerActionResponse.parse(res.body);
    return waitFor(async () => {
      const op = OperationResponse.parse(
        (await d().call('GET', apiPaths.operation(operation.id))).body,
      ).operation;
      return op.state === 'queued' || op.state === 'running' ? undefined : op;
    });
  };

  it('stop on a missing server → 409 NO_CONTAINER; recreate on a running one → 409 INVALID_STATE', async () => {
    expect(refused(await action(d().ids.missingNoData, 'stop'))).toEqual([409, 'NO_CONTAINER']);
    expect(refused(await action(d().ids.running, 'recreate'))).toEqual([409, 'INVALID_STATE']);
  });
  it('recreate of a missing server with data → running', async () => {
    expect((await finish(await action(d().ids.missing, 'recreate'))).state).toBe('succeeded');
    expect((await server(d().ids.missing)).status).toBe('running');
  });
  it('recreate over absent data → 409 DATA_MISSING; with allowFreshStart → running', async () => {
    expect(refused(await action(d().ids.missingNoData, 'recreate'))).toEqual([409, 'DATA_MISSING']);
    expect((await server(d().ids.missingNoData)).status).toBe('missing');
    expect(
      (await finish(await action(d().ids.missingNoData, 'recreate', { allowFreshStart: true })))
        .state,
    ).toBe('succeeded');
  });
  it('restore of a deleted server → running; without data → 409 DATA_MISSING and still deleted', async () => {
    expect(refused(await action(d().ids.deletedNoData, 'restore'))).toEqual([409, 'DATA_MISSING']);
    expect((await server(d().ids.deletedNoData)).status).toBe('deleted');
    expect((await finish(await action(d().ids.deleted, 'restore'))).state).toBe('succeeded');
    expect(await server(d().ids.deleted)).toMatchObject({ status: 'running', deletedAt: null });
  });
  it('a folder inside another server’s → 409 DATA_PATH_OVERLAP; outside the roots → 400 DATA_PATH_NOT_ALLOWED', async () => {
    // A deleted server still owns its folder.
    const deleted = await server(d().ids.deletedNoData);
    expect(deleted.status).toBe('deleted');
    const create = (body: object) =>
      d().call('POST', apiPaths.agentServers(d().agentId), { imageTag: 'latest', ...body });
    const folder = `${deleted.effectiveDataPath}/${deleted.name}`;
    const nested = await create({ name: 'nested', serverDataPath: folder });
    expect(refused(nested)).toEqual([409, 'DATA_PATH_OVERLAP']);
    expect(ApiErrorBody.parse(nested.body).error.details).toEqual({
      serverId: deleted.id,
      serverName: deleted.name,
      path: folder,
    });
    expect(refused(await create({ name: 'outside', serverDataPath: '/home/alice' }))).toEqual([
      400,
      'DATA_PATH_NOT_ALLOWED',
    ]);
  });
  it('snapshot now → ready and verified; rollback to it → running, after a before-rollback snapshot; another server’s or an unknown id → 404', async () => {
    const list = async (id: string) =>
      ListSnapshotsResponse.parse((await d().call('GET', apiPaths.serverSnapshots(id))).body)
        .snapshots;
    const taken = await finish(
      await d().call('POST', apiPaths.takeSnapshot(d().agentId, d().ids.running), {}),
    );
    expect(taken).toMatchObject({ state: 'succeeded', kind: 'snapshot' });
    const [snapshot] = await list(d().ids.running);
    expect(snapshot).toMatchObject({
      id: taken.snapshotId,
      reason: 'manual',
      status: 'ready',
      verified: true,
    });
    const rollback = (serverId: string, snapshotId: string) =>
      d().call('POST', apiPaths.rollback(d().agentId, serverId), { snapshotId });
    expect(refused(await rollback(d().ids.deleted, snapshot!.id))).toEqual([404, 'NOT_FOUND']);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(refused(await rollback(d().ids.running, unknown))).toEqual([404, 'NOT_FOUND']);
    const done = await finish(await rollback(d().ids.running, snapshot!.id));
    expect(done).toMatchObject({ state: 'succeeded', kind: 'rollback', snapshotId: snapshot!.id });
    expect((await server(d().ids.running)).status).toBe('running');
    expect((await list(d().ids.running))[0]).toMatchObject({ reason: 'before-rollback' });
  });
  it('a server list says how many servers it holds in its headers, in either shape', async () => {
    for (const path of [apiPaths.servers, apiPaths.agentServers(d().agentId)]) {
      const { servers } = ListServersResponse.parse((await d().call('GET', path)).body);
      for (const [shape, asked] of [
        ['plain', path],
        ['columns', inColumns(path)],
      ]) {
        const res = await d().call('GET', asked!);
        expect(res.headers.get(serverCountHeader), `${shape} ${path}`).toBe(String(servers.length));
      }
    }
  });
  it('lists servers and hosts in name order, digits read as numbers, in either shape', async () => {
    for (const name of ['order-10', 'order-9', 'order-100']) {
      const created = await d().call('POST', apiPaths.agentServers(d().agentId), {
        name,
        imageTag: 'latest',
      });
      await finish(created);
    }
    for (const path of [apiPaths.servers, apiPaths.agentServers(d().agentId)]) {
      const { servers } = ListServersResponse.parse((await d().call('GET', path)).body);
      const names = servers.map((s) => s.name);
      expect(names.filter((n) => n.startsWith('order-'))).toEqual([
        'order-9',
        'order-10',
        'order-100',
      ]);
      expect(servers).toEqual([...servers].sort(compareByName));
      const inColumnsShape = ServerColumnsResponse.parse(
        (await d().call('GET', inColumns(path))).body,
      );
      expect(inColumnsShape.map((s) => s.id)).toEqual(servers.map((s) => s.id));
    }
    const { agents } = ListAgentsResponse.parse((await d().call('GET', apiPaths.agents)).body);
    expect(agents).toEqual([...agents].sort(compareByName));
  });
  it('unknown body fields and unknown actions are refused with a code', async () => {
    expect(refused(await action(d().ids.running, 'stop', { force: true }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    const unknown = await d().call('GET', apiPaths.server('no-such-server'));
    expect(refused(unknown)).toEqual([404, 'NOT_FOUND']);
  });
}

describe('parity: MSW mock handlers', () => {
  const { agents, servers } = fixtureIds;
  beforeAll(() => {
    mswServer.listen({ onUnhandledRequest: 'error' });
    mockDb.reset();
    mockDb.setOperationDelayMs(5);
    mockDb.signInAs('operator');
  });
  afterAll(() => mswServer.close());
  parityCases(() => ({
    agentId: agents.local,
    ids: {
      running: servers.running,
      missing: servers.missing,
      missingNoData: servers.missingNoData,
      deleted: servers.deleted,
      deletedNoData: servers.deletedNoData,
    },
    async call(method, path, body) {
      const res = await fetch(`http://localhost${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      const parsed = text ? (JSON.parse(text) as unknown) : undefined;
      return { status: res.status, body: parsed, headers: res.headers };
    },
  }));
});

describe('parity: real manager + scripted agent', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let driver: Driver;
  beforeAll(async () => {
    t = await startTestManager();
    const connected = await connectAgent(t);
    agent = connected.agent;
    const agentId = connected.agentId;
    const make = (name: string) => createRunningServer(t, agentId, name);
    const [running, missing, missingNoData, deleted, deletedNoData] = await Promise.all(
      ['alpha', 'charlie', 'delta', 'echo', 'foxtrot'].map(make),
    );
    await makeMissing(t, agent, missing!.id);
    await makeMissing(t, agent, missingNoData!.id);
    agent.host.dataDirs.delete(`${dataPath}/delta`);
    for (const s of [deleted!, deletedNoData!])
      await t.admin.call('DELETE', apiPaths.agentServer(agentId, s.id));
    await waitFor(async () => {
      const all = await Promise.all(
        [deleted!, deletedNoData!].map((s) => t.admin.call('GET', apiPaths.server(s.id))),
      );
      return all.every((r) => (r.body as { server: Server }).server.status === 'deleted');
    });
    agent.host.dataDirs.delete(`${dataPath}/foxtrot`);
    driver = {
      agentId,
      ids: {
        running: running!.id,
        missing: missing!.id,
        missingNoData: missingNoData!.id,
        deleted: deleted!.id,
        deletedNoData: deletedNoData!.id,
      },
      call: (method, path, body) => t.admin.call(method, path, body),
    };
  });
  afterAll(async () => {
    await agent.disconnect();
    await t.close();
  });
  parityCases(() => driver);
});
