import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListServersResponse, ServerActionResponse } from '@contract/http/servers';
import type { ScriptedAgent } from '../testing/scripted-agent';
import {
  connectAgent,
  createRunningServer,
  dataPath,
  getServer,
  startTestManager,
  waitFor,
  waitForOperation,
  type TestManager,
} from '../testing/harness';

/** A reconcile stores statuses from the container list alone; data checks follow on their own. */
describe('reconcile: statuses before data checks', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;

  beforeEach(async () => {
    t = await startTestManager();
    ({ agent, agentId } = await connectAgent(t));
  });
  afterEach(async () => {
    agent.release();
    await agent.disconnect();
    await t.close();
  });

  const sync = async () => {
    const res = await t.admin.call('POST', `/api/agents/${agentId}/servers/sync`);
    return ListServersResponse.parse(res.body).servers;
  };
  /** Gone without an event, as if removed while nobody looked. */
  const removeContainerSilently = (serverId: string) => {
    for (const c of agent.host.containersOf(serverId)) agent.host.containers.delete(c.id);
  };

  it('a vanished container shows while the data check is still out; the pass, and auto-recreate, wait for the check', async () => {
    const server = await createRunningServer(t, agentId);
    await t.admin.call('PATCH', `/api/agents/${agentId}/servers/${server.id}`, {
      autoRecreate: true,
    });
    // The last check found no world: the stored row says so.
    const folder = `${dataPath}/${server.name}`;
    const world = await agent.host.worlds.get(folder);
    agent.host.dataDirs.delete(folder);
    expect((await sync()).find((s) => s.id === server.id)!.dataExists).toBe(false);
    // The world is back, the container gone; the data check that would tell is held.
    agent.host.worlds.set(folder, world!);
    removeContainerSilently(server.id);
    agent.hold('data.check');
    let answered = false;
    const syncing = sync().then((servers) => {
      answered = true;
      return servers;
    });
    const missing = await waitFor(async () => {
      const s = await getServer(t, server.id);
      return s.status === 'missing' ? s : undefined;
    });
    expect(missing.dataExists).toBe(false); // not checked yet
    expect(missing.containerId).toBeNull();
    await waitFor(() => agent.inFlight['data.check'] === 1);
    expect(answered).toBe(false); // the pass is not over while a data check is out
    const createsBefore = agent.commands('container.create').length;

    agent.release();
    const servers = await syncing;
    expect(servers.find((s) => s.id === server.id)).toMatchObject({
      status: 'missing',
      dataExists: true,
    });
    // Auto-recreate looked after the check was stored: it saw the world, so it recreates.
    await waitFor(() => agent.commands('container.create').length > createsBefore);
    await waitFor(async () => (await getServer(t, server.id)).status === 'running');
  });

  it('a failed list stores no status, and the data checks all the same', async () => {
    const server = await createRunningServer(t, agentId);
    const before = await getServer(t, server.id);
    removeContainerSilently(server.id);
    agent.host.dataDirs.delete(`${dataPath}/${server.name}`);
    agent.failures['container.list'] = { code: 'DOCKER_UNAVAILABLE', message: 'engine gone' };
    await sync();
    const checked = await waitFor(async () => {
      const s = await getServer(t, server.id);
      return s.dataCheckedAt !== before.dataCheckedAt ? s : undefined;
    });
    expect(checked).toMatchObject({ status: 'running', dataExists: false });
  });

  it('a failed data check leaves the statuses the list showed stored, and the check unrecorded', async () => {
    const server = await createRunningServer(t, agentId);
    const before = await getServer(t, server.id);
    removeContainerSilently(server.id);
    agent.failures['data.check'] = { code: 'INVALID_REQUEST', message: 'invalid data path' };
    await sync();
    const after = await getServer(t, server.id);
    expect(after.status).toBe('missing');
    expect(after.dataCheckedAt).toBe(before.dataCheckedAt);
  });

  it('a data check that was out while an operation ran on its server is not recorded', async () => {
    const server = await createRunningServer(t, agentId);
    await sync(); // a check of the running server: its healthy fingerprint
    const before = await getServer(t, server.id);
    expect(before.healthyFingerprint).not.toBeNull();
    // The pass walks the world mid-operation (as a rollback swaps folders): it measures no world.
    agent.rewrite['data.check'] = (result) => ({
      results: (result as { results: object[] }).results.map((r) => ({
        ...r,
        dataExists: false,
        fingerprint: null,
      })),
    });
    agent.holdReply('data.check');
    const syncing = sync();
    await waitFor(() => agent.inFlight['data.check'] === 1);
    const restart = await t.admin.expect(
      202,
      ServerActionResponse,
      'POST',
      `/api/agents/${agentId}/servers/${server.id}/restart`,
    );
    expect((await waitForOperation(t, restart.operation.id)).state).toBe('succeeded');
    agent.release();
    await syncing;
    const after = await getServer(t, server.id);
    expect(after).toMatchObject({ dataExists: true, dataCheckedAt: before.dataCheckedAt });
    expect(after.healthyFingerprint).toEqual(before.healthyFingerprint);
  });
});
