import { describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { AuditResponse } from '@contract/http/audit';
import { ServerActionResponse } from '@contract/http/servers';
import type { ScriptedAgent } from '../testing/scripted-agent';
import {
  createRunningServer,
  dataPath,
  getServer,
  makeMissing,
  waitForOperation,
  withManagerAndAgent,
  type TestManager,
} from '../testing/harness';

describe('the recreate routine', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  withManagerAndAgent('each', (env) => {
    ({ t, agent, agentId } = env);
  });

  const action = (serverId: string, name: string, body: unknown = {}) =>
    t.admin.call('POST', `/api/agents/${agentId}/servers/${serverId}/${name}`, body);

  it('recreates a missing server with data → running, with the operation id as idempotency key', async () => {
    const server = await createRunningServer(t, agentId);
    await makeMissing(t, agent, server.id);
    const res = await action(server.id, 'recreate');
    expect(res.status).toBe(202);
    const { operation } = ServerActionResponse.parse(res.body);
    expect((await waitForOperation(t, operation.id)).state).toBe('succeeded');
    const after = await getServer(t, server.id);
    expect(after.status).toBe('running');
    expect(after.containerId).toBe(agent.host.containersOf(server.id)[0]?.id);
    const create = agent.commands('container.create').at(-1)!;
    expect(create.idempotencyKey).toBe(operation.id);
    expect(create.requireData).toBe(true);
    const audit = AuditResponse.parse(
      (await t.admin.call('GET', `/api/audit?serverId=${server.id}`)).body,
    );
    expect(
      audit.entries.some(
        (e) =>
          e.action === 'server.recreated' && e.outcome === 'succeeded' && e.details.fresh === false,
      ),
    ).toBe(true);
  });

  it('refuses a recreate over absent data with 409 DATA_MISSING and changes nothing', async () => {
    const server = await createRunningServer(t, agentId);
    await makeMissing(t, agent, server.id);
    agent.host.dataDirs.delete(`${dataPath}/${server.name}`);
    const creates = agent.commands('container.create').length;
    const res = await action(server.id, 'recreate');
    expect(res.status).toBe(409);
    expect(ApiErrorBody.parse(res.body).error.code).toBe('DATA_MISSING');
    const after = await getServer(t, server.id);
    expect(after.status).toBe('missing');
    expect(after.activeOperation).toBeNull();
    expect(after.dataExists).toBe(false);
    expect(agent.commands('container.create').length).toBe(creates);
  });

  it('creates a fresh world only with allowFreshStart', async () => {
    const server = await createRunningServer(t, agentId);
    await makeMissing(t, agent, server.id);
    agent.host.dataDirs.delete(`${dataPath}/${server.name}`);
    const res = await action(server.id, 'recreate', { allowFreshStart: true });
    expect(res.status).toBe(202);
    const { operation } = ServerActionResponse.parse(res.body);
    expect((await waitForOperation(t, operation.id)).state).toBe('succeeded');
    expect(agent.commands('container.create').at(-1)!.requireData).toBe(false);
    expect((await getServer(t, server.id)).status).toBe('running');
  });

  it('rebuild of a server whose container is gone runs the recreate routine (never 400)', async () => {
    const server = await createRunningServer(t, agentId);
    // The DB still says running with a container id: a stale id must not be trusted.
    agent.host.containers.clear();
    const res = await action(server.id, 'rebuild');
    expect(res.status).toBe(202);
    const { operation } = ServerActionResponse.parse(res.body);
    expect((await waitForOperation(t, operation.id)).state).toBe('succeeded');
    expect(agent.commands('container.replace')).toHaveLength(0);
    expect(agent.commands('container.create')).toHaveLength(2);
    expect((await getServer(t, server.id)).status).toBe('running');
  });

  it('rebuild with a container replaces it from stored config', async () => {
    const server = await createRunningServer(t, agentId);
    const res = await action(server.id, 'rebuild');
    const { operation } = ServerActionResponse.parse(res.body);
    expect((await waitForOperation(t, operation.id)).state).toBe('succeeded');
    expect(agent.commands('container.replace')).toHaveLength(1);
    expect((await getServer(t, server.id)).containerId).toBe(
      agent.host.containersOf(server.id)[0]?.id,
    );
  });

  it('recreate on a running server whose container really exists → 409 INVALID_STATE', async () => {
    const server = await createRunningServer(t, agentId);
    const res = await action(server.id, 'recreate');
    expect(res.status).toBe(409);
    expect(ApiErrorBody.parse(res.body).error.code).toBe('INVALID_STATE');
    expect((await getServer(t, server.id)).activeOperation).toBeNull();
  });

  it('start on a missing server recreates; stop/restart on missing → 409 NO_CONTAINER', async () => {
    const server = await createRunningServer(t, agentId);
    await makeMissing(t, agent, server.id);
    for (const name of ['stop', 'restart']) {
      const res = await action(server.id, name);
      expect(res.status).toBe(409);
      expect(ApiErrorBody.parse(res.body).error.code).toBe('NO_CONTAINER');
    }
    const res = await action(server.id, 'start');
    expect(res.status).toBe(202);
    const { operation } = ServerActionResponse.parse(res.body);
    expect((await waitForOperation(t, operation.id)).state).toBe('succeeded');
    expect((await getServer(t, server.id)).status).toBe('running');
  });

  it('stop then start an existing container', async () => {
    const server = await createRunningServer(t, agentId);
    const stop = ServerActionResponse.parse((await action(server.id, 'stop')).body);
    await waitForOperation(t, stop.operation.id);
    expect((await getServer(t, server.id)).status).toBe('stopped');
    const start = ServerActionResponse.parse((await action(server.id, 'start')).body);
    await waitForOperation(t, start.operation.id);
    expect((await getServer(t, server.id)).status).toBe('running');
    expect(agent.commands('container.start')).toHaveLength(1);
  });

  it('delete → deleted (data kept) → restore → running in one request', async () => {
    const server = await createRunningServer(t, agentId);
    const del = await t.admin.call('DELETE', `/api/agents/${agentId}/servers/${server.id}`);
    expect(del.status).toBe(202);
    await waitForOperation(t, ServerActionResponse.parse(del.body).operation.id);
    const deleted = await getServer(t, server.id);
    expect(deleted.status).toBe('deleted');
    expect(deleted.deletedAt).not.toBeNull();
    expect(agent.commands('container.remove').at(-1)!.removeData).toBe(false);
    expect(agent.host.dataDirs.has(`${dataPath}/${server.name}`)).toBe(true);

    const res = await action(server.id, 'restore');
    expect(res.status).toBe(202);
    const { operation } = ServerActionResponse.parse(res.body);
    expect(operation.kind).toBe('restore');
    expect((await waitForOperation(t, operation.id)).state).toBe('succeeded');
    const restored = await getServer(t, server.id);
    expect(restored.status).toBe('running');
    expect(restored.deletedAt).toBeNull();
  });

  it('restore without data and without allowFreshStart is refused; the server stays deleted', async () => {
    const server = await createRunningServer(t, agentId);
    const del = ServerActionResponse.parse(
      (await t.admin.call('DELETE', `/api/agents/${agentId}/servers/${server.id}`)).body,
    );
    await waitForOperation(t, del.operation.id);
    agent.host.dataDirs.clear();
    const res = await action(server.id, 'restore');
    expect(res.status).toBe(409);
    expect(ApiErrorBody.parse(res.body).error.code).toBe('DATA_MISSING');
    const after = await getServer(t, server.id);
    expect(after.status).toBe('deleted');
    expect(after.deletedAt).not.toBeNull();
    expect(after.activeOperation).toBeNull();
  });

  it('a restore whose create fails leaves the server deleted (no half state) and retryable', async () => {
    const server = await createRunningServer(t, agentId);
    const del = ServerActionResponse.parse(
      (await t.admin.call('DELETE', `/api/agents/${agentId}/servers/${server.id}`)).body,
    );
    await waitForOperation(t, del.operation.id);
    agent.failures['container.create'] = {
      code: 'IMAGE_PULL_FAILED',
      message: 'registry unreachable',
    };
    const { operation } = ServerActionResponse.parse((await action(server.id, 'restore')).body);
    expect((await waitForOperation(t, operation.id)).error?.code).toBe('IMAGE_PULL_FAILED');
    expect(await getServer(t, server.id)).toMatchObject({
      status: 'deleted',
      activeOperation: null,
    });
    delete agent.failures['container.create'];
    const retry = ServerActionResponse.parse((await action(server.id, 'restore')).body);
    expect((await waitForOperation(t, retry.operation.id)).state).toBe('succeeded');
    expect(await getServer(t, server.id)).toMatchObject({ status: 'running', deletedAt: null });
  });

  it('a failed create leaves the server retryable with the agent error code on the operation', async () => {
    const server = await createRunningServer(t, agentId);
    await makeMissing(t, agent, server.id);
    agent.failures['container.create'] = {
      code: 'IMAGE_PULL_FAILED',
      message: 'registry unreachable',
    };
    const { operation } = ServerActionResponse.parse((await action(server.id, 'recreate')).body);
    const done = await waitForOperation(t, operation.id);
    expect(done.state).toBe('failed');
    expect(done.error?.code).toBe('IMAGE_PULL_FAILED');
    expect((await getServer(t, server.id)).status).toBe('missing');
    delete agent.failures['container.create'];
    const retry = ServerActionResponse.parse((await action(server.id, 'recreate')).body);
    expect((await waitForOperation(t, retry.operation.id)).state).toBe('succeeded');
  });

  it('purge (admin) removes data only with removeData=true and hides the server', async () => {
    const server = await createRunningServer(t, agentId);
    const res = await t.admin.call(
      'DELETE',
      `/api/agents/${agentId}/servers/${server.id}/purge?removeData=true`,
    );
    expect(res.status).toBe(202);
    await waitForOperation(t, ServerActionResponse.parse(res.body).operation.id);
    expect((await t.admin.call('GET', `/api/servers/${server.id}`)).status).toBe(404);
    expect(agent.host.dataDirs.has(`${dataPath}/${server.name}`)).toBe(false);
  });
});
