import { describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { AuditResponse } from '@contract/http/audit';
import { apiPaths } from '@contract/http/paths';
import { RecoverResponse } from '@contract/http/recover';
import { ListServersResponse, type Server } from '@contract/http/servers';
import { ScriptedAgent } from '../testing/scripted-agent';
import {
  signedInAs,
  ApiClient,
  connectAgent,
  createRunningServer,
  dataPath,
  getOperation,
  getServer,
  makeMissing,
  waitFor,
  waitForOperation,
  withManagerAndAgent,
  type TestManager,
} from '../testing/harness';

/** POST /api/agents/:agentId/recover: many recreates, a few at a time, each fully guarded. */
describe('recover all', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  withManagerAndAgent('each', (env) => {
    ({ t, agent, agentId } = env);
  });

  const recover = (body: unknown = {}, client: ApiClient = t.admin) =>
    client.call('POST', apiPaths.recover(agentId), body);
  const recovered = async (body: unknown = {}) => {
    const res = await recover(body);
    expect(res.status).toBe(202);
    return RecoverResponse.parse(res.body);
  };
  /** `n` servers whose containers are gone; the ones in `withoutData` lost their data too. */
  const missingServers = async (n: number, withoutData: number[] = []): Promise<Server[]> => {
    const servers: Server[] = [];
    for (let i = 0; i < n; i++) {
      const s = await createRunningServer(t, agentId, `lost-${i}`);
      await makeMissing(t, agent, s.id);
      if (withoutData.includes(i)) agent.host.dataDirs.delete(`${dataPath}/${s.name}`);
      servers.push(s);
    }
    return servers;
  };
  const createsSoFar = () => agent.commands('container.create').length;

  it('recreates every Missing server, two at a time; one without data is skipped DATA_MISSING, never fresh-started', async () => {
    const servers = await missingServers(5, [2]);
    const healthy = await createRunningServer(t, agentId, 'healthy');
    const before = createsSoFar();
    agent.hold('container.create');

    const reply = await recovered();
    expect(reply.skipped).toEqual([
      { serverId: servers[2]!.id, code: 'DATA_MISSING', message: expect.any(String) },
    ]);
    const wanted = [0, 1, 3, 4].map((i) => servers[i]!.id);
    expect(reply.operations.map((op) => op.serverId)).toEqual(wanted);
    expect(reply.operations.map((op) => op.kind)).toEqual(Array(4).fill('recreate'));
    // Every server holds its slot from the start: two running, two waiting their turn.
    expect(reply.operations.map((op) => op.state)).toEqual([
      'running',
      'running',
      'queued',
      'queued',
    ]);
    expect(reply.operations[2]!.progress?.phase).toBe('waiting-for-turn');
    const busy = await t.admin.call(
      'POST',
      apiPaths.serverAction(agentId, wanted[3]!, 'recreate'),
      {},
    );
    expect(ApiErrorBody.parse(busy.body).error.code).toBe('OPERATION_IN_PROGRESS');

    // The agent sees two creates, and the next two only once those are answered.
    await waitFor(() => createsSoFar() - before === 2);
    agent.release();
    agent.hold('container.create');
    await waitFor(() => createsSoFar() - before === 4);
    agent.release();
    for (const op of reply.operations)
      expect((await waitForOperation(t, op.id)).state).toBe('succeeded');
    expect(agent.maxInFlight['container.create']).toBe(2);

    for (const id of wanted) expect((await getServer(t, id)).status).toBe('running');
    expect((await getServer(t, servers[2]!.id)).status).toBe('missing');
    expect((await getServer(t, healthy.id)).status).toBe('running');
    const recreated = agent.commands('container.create').slice(before);
    expect(recreated.map((c) => c.spec.serverId).sort()).toEqual([...wanted].sort());
    expect(recreated.every((c) => c.requireData && c.spec.pin)).toBe(true);
    expect(agent.host.dataDirs.has(`${dataPath}/${servers[2]!.name}`)).toBe(false);

    const audit = AuditResponse.parse((await t.admin.call('GET', apiPaths.audit())).body).entries;
    expect(audit.find((e) => e.action === 'agent.recovered')).toMatchObject({
      outcome: 'requested',
      agentId,
      details: {
        concurrency: 2,
        skipped: [{ serverId: servers[2]!.id, code: 'DATA_MISSING' }],
      },
    });
  });

  it('judges each listed id like a single recreate and goes on with the others', async () => {
    const [lost, busy] = await missingServers(2);
    const running = await createRunningServer(t, agentId, 'running');
    const drifted = await createRunningServer(t, agentId, 'drifted');
    const [c] = agent.host.containersOf(drifted.id);
    agent.host.alterContainer(c!.id, { env: { ...c!.env, SERVER_DEFAULT_PORT: '1' } });
    const deleted = await createRunningServer(t, agentId, 'gone');
    await waitForOperation(
      t,
      (
        (await t.admin.call('DELETE', apiPaths.agentServer(agentId, deleted.id))).body as {
          operation: { id: string };
        }
      ).operation.id,
    );
    const other = await connectAgent(t, 'host-b');
    const elsewhere = await createRunningServer(t, other.agentId, 'elsewhere');
    agent.hold('container.create');
    const held = (
      (await t.admin.call('POST', apiPaths.serverAction(agentId, busy!.id, 'recreate'), {}))
        .body as { operation: { id: string } }
    ).operation.id;

    const reply = await recovered({
      serverIds: [
        running.id,
        lost!.id,
        'no-such-server',
        elsewhere.id,
        deleted.id,
        busy!.id,
        drifted.id,
      ],
    });
    const codes = Object.fromEntries(reply.skipped.map((s) => [s.serverId, s.code]));
    expect(codes).toEqual({
      [running.id]: 'INVALID_STATE',
      'no-such-server': 'NOT_FOUND',
      [elsewhere.id]: 'NOT_FOUND',
      [deleted.id]: 'INVALID_STATE',
      [busy!.id]: 'OPERATION_IN_PROGRESS',
    });
    expect(reply.operations.map((op) => op.serverId)).toEqual([lost!.id, drifted.id]);
    agent.release();
    for (const op of reply.operations)
      expect((await waitForOperation(t, op.id)).state).toBe('succeeded');
    await waitForOperation(t, held);
    // The drifted one was replaced from the stored config (its data kept), not created anew.
    expect(agent.commands('container.replace').map((r) => r.spec.serverId)).toEqual([drifted.id]);
    expect((await getServer(t, drifted.id)).drift).toEqual([]);
    expect((await getServer(t, deleted.id)).status).toBe('deleted');
    await other.agent.disconnect();
  });

  it('a server whose data vanished before its turn fails DATA_MISSING alone; a cancelled one is passed over', async () => {
    const servers = await missingServers(4);
    agent.hold('container.create');
    const reply = await recovered({ concurrency: 1 });
    expect(reply.operations.map((op) => op.state)).toEqual([
      'running',
      'queued',
      'queued',
      'queued',
    ]);
    agent.host.dataDirs.delete(`${dataPath}/${servers[1]!.name}`);
    const cancel = await t.admin.call('DELETE', apiPaths.operation(reply.operations[2]!.id));
    expect(cancel.status).toBe(200);
    agent.release();
    const ends = [];
    for (const op of reply.operations) ends.push(await waitForOperation(t, op.id));
    expect(ends.map((op) => [op.state, op.error?.code])).toEqual([
      ['succeeded', undefined],
      ['failed', 'DATA_MISSING'],
      ['cancelled', 'CANCELLED'],
      ['succeeded', undefined],
    ]);
    expect(agent.maxInFlight['container.create']).toBe(1);
    expect((await getServer(t, servers[1]!.id)).status).toBe('missing');
    expect(agent.host.dataDirs.has(`${dataPath}/${servers[1]!.name}`)).toBe(false);
  });

  it('with the agent offline the recreates queue (a known absence of data is still skipped) and run on reconnect', async () => {
    const servers = await missingServers(3, [0]);
    await t.admin.call('POST', apiPaths.sync(agentId));
    const host = agent.host;
    const credential = agent.credential!;
    await agent.disconnect();
    await waitFor(async () => (await getServer(t, servers[1]!.id)).agentStatus === 'offline');
    const reply = await recovered();
    expect(reply.skipped.map((s) => [s.serverId, s.code])).toEqual([
      [servers[0]!.id, 'DATA_MISSING'],
    ]);
    expect(reply.operations.map((op) => [op.serverId, op.state])).toEqual([
      [servers[1]!.id, 'queued'],
      [servers[2]!.id, 'queued'],
    ]);
    // Slow creates, so a second one started beside the resumed one would overlap it.
    agent = await ScriptedAgent.connect(t.manager.url, credential, {
      host,
      delays: { 'container.create': 200 },
    });
    for (const op of reply.operations)
      expect((await waitForOperation(t, op.id)).state).toBe('succeeded');
    expect(agent.maxInFlight['container.create']).toBe(1);
  });

  it('nothing Missing: 202 with nothing to do', async () => {
    await createRunningServer(t, agentId);
    expect(await recovered()).toEqual({ operations: [], skipped: [] });
  });

  it('refuses bad input with 400, a viewer with 403, an unknown agent with 404', async () => {
    const [lost] = await missingServers(1);
    for (const body of [
      { serverIds: [lost!.id, lost!.id] },
      { serverIds: [] },
      { serverIds: ['../etc'] },
      { concurrency: 0 },
      { concurrency: 11 },
      { concurrency: '2' },
      { concurrency: 1.5 },
      { allowFreshStart: true },
      [],
      'null',
    ]) {
      const res = await recover(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(ApiErrorBody.parse(res.body).error.code).toBe('VALIDATION_FAILED');
    }
    const missing = await t.admin.call('POST', apiPaths.recover('no-such-agent'), {});
    expect(missing.status).toBe(404);
    const viewer = await signedInAs(t, 'viewer');
    expect((await recover({}, viewer)).status).toBe(403);
    // Nothing was started by any of it.
    expect((await getServer(t, lost!.id)).status).toBe('missing');
    expect((await getServer(t, lost!.id)).activeOperation).toBeNull();
    const list = ListServersResponse.parse(
      (await t.admin.call('GET', apiPaths.agentServers(agentId))).body,
    );
    expect(list.servers.every((s) => s.activeOperation === null)).toBe(true);
    expect(await recoverAudits()).toBe(0);
  });

  async function recoverAudits(): Promise<number> {
    const audit = AuditResponse.parse((await t.admin.call('GET', apiPaths.audit())).body).entries;
    return audit.filter((e) => e.action === 'agent.recovered').length;
  }

  it('the agent dropping mid-way: the running recreate waits for it and resumes, the rest go on after it, still one at a time', async () => {
    const servers = await missingServers(3);
    agent.hold('container.create');
    const reply = await recovered({ concurrency: 1 });
    await waitFor(() => agent.inFlight['container.create'] === 1);
    const host = agent.host;
    const credential = agent.credential!;
    await agent.disconnect();
    const first = await waitFor(async () => {
      const op = await getOperation(t, reply.operations[0]!.id);
      return op.progress?.phase === 'waiting-for-agent' ? op : undefined;
    });
    expect(first.state).toBe('running');
    expect((await getOperation(t, reply.operations[1]!.id)).state).toBe('queued');
    // Slow creates, so a second one started beside the resumed one would overlap it.
    agent = await ScriptedAgent.connect(t.manager.url, credential, {
      host,
      delays: { 'container.create': 200 },
    });
    for (const op of reply.operations)
      expect((await waitForOperation(t, op.id)).state).toBe('succeeded');
    expect(agent.maxInFlight['container.create']).toBe(1);
    for (const s of servers) expect(host.containersOf(s.id)).toHaveLength(1);
  });

  it('an operation it started reads back through GET /api/operations', async () => {
    const [lost] = await missingServers(1);
    const reply = await recovered();
    const op = await getOperation(t, reply.operations[0]!.id);
    expect(op).toMatchObject({ serverId: lost!.id, kind: 'recreate' });
  });
});
