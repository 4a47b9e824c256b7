import { afterEach, describe, expect, it } from 'vitest';
import { ServerActionResponse } from '@contract/http/servers';
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

/** The periodic data check keeps a running server's last healthy fingerprint up to date. */
describe('periodic data check', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;

  /** A manager whose watch looks every few ms at every running server (`perHost` at a time). */
  const start = async (perHost = 100) => {
    t = await startTestManager({ dataWatch: { tickMs: 10, maxAgeMs: 0, perHost } });
    ({ agent, agentId } = await connectAgent(t));
  };
  afterEach(async () => {
    agent.release();
    await agent.disconnect();
    await t.close();
  });

  /** How many data checks have asked about this server so far. */
  const checksOf = (serverId: string) =>
    agent
      .commands('data.check')
      .flatMap((c) => c.items)
      .filter((i) => i.serverId === serverId).length;
  const folderOf = (name: string) => `${dataPath}/${name}`;

  it('a world that grew with no event or action is measured: the healthy fingerprint follows it, the world untouched', async () => {
    await start();
    const server = await createRunningServer(t, agentId);
    // The game wrote its saves after the first check; nothing tells the manager.
    const grown = { fileCount: 900, totalBytes: 9_000_000, hasSaves: true };
    agent.host.worlds.set(folderOf(server.name), grown);
    const world = await agent.host.worlds.get(folderOf(server.name));

    const healthy = await waitFor(async () => {
      const s = await getServer(t, server.id);
      return s.healthyFingerprint?.fileCount === 900 ? s.healthyFingerprint : undefined;
    });
    expect(healthy).toMatchObject(grown);
    // Measured, not touched: the same files and bytes (a fingerprint's time is when it was taken).
    expect(await agent.host.worlds.get(folderOf(server.name))).toEqual({
      ...world,
      takenAt: expect.any(String),
    });
  });

  it("a world that shrank, even by less than the guard's half, is not taken: a slow loss cannot walk the healthy fingerprint down", async () => {
    await start();
    const server = await createRunningServer(t, agentId);
    const healthyOf = async () => (await getServer(t, server.id)).healthyFingerprint;
    const before = await waitFor(healthyOf);
    expect(before.fileCount).toBe(40);
    // 40 % lost: not diverged (the guard refuses under half), but smaller.
    agent.host.worlds.set(folderOf(server.name), {
      fileCount: 24,
      totalBytes: 240_000,
      hasSaves: true,
    });
    const seen = checksOf(server.id);
    await waitFor(() => checksOf(server.id) >= seen + 3);
    const after = await getServer(t, server.id);
    expect(after.healthyFingerprint).toEqual({ ...before, takenAt: expect.any(String) });
    expect(after.dataExists).toBe(true);

    // Grown past it again: taken.
    agent.host.worlds.set(folderOf(server.name), {
      fileCount: 60,
      totalBytes: 600_000,
      hasSaves: true,
    });
    await waitFor(async () => (await healthyOf())?.fileCount === 60);
  });

  it('checks only running servers with no operation, a slice per host at a time, the longest unchecked first', async () => {
    await start(2);
    const servers = [];
    for (const name of ['srv-1', 'srv-2', 'srv-3', 'srv-4', 'srv-5'])
      servers.push(await createRunningServer(t, agentId, name));
    const [stopped, busy, ...running] = servers;
    await waitForOperation(
      t,
      (
        await t.admin.expect(
          202,
          ServerActionResponse,
          'POST',
          `/api/agents/${agentId}/servers/${stopped!.id}/stop`,
        )
      ).operation.id,
    );
    agent.hold('container.stop');
    const stopping = await t.admin.expect(
      202,
      ServerActionResponse,
      'POST',
      `/api/agents/${agentId}/servers/${busy!.id}/stop`,
    );
    await waitFor(() => agent.inFlight['container.stop'] === 1);
    const stoppedSeen = checksOf(stopped!.id);
    const busySeen = checksOf(busy!.id);
    const counts = () => running.map((s) => checksOf(s.id));
    const first = counts();

    // Every running server gets checked, again and again, though each look takes two.
    await waitFor(() => counts().every((n, i) => n >= first[i]! + 4));
    const looks = agent.commands('data.check').slice(-6);
    expect(looks.every((c) => c.items.length === 2)).toBe(true);
    // The longest unchecked first: with three due and two per look, none waits two looks running.
    const ids = running.map((s) => s.id);
    for (let i = 1; i < looks.length; i++) {
      const inLook = (n: number) => new Set(looks[n]!.items.map((item) => item.serverId));
      const [previous, current] = [inLook(i - 1), inLook(i)];
      expect(ids.filter((id) => !previous.has(id) && !current.has(id))).toEqual([]);
    }
    expect(checksOf(stopped!.id)).toBe(stoppedSeen);
    expect(checksOf(busy!.id)).toBe(busySeen);

    agent.release();
    expect((await waitForOperation(t, stopping.operation.id)).state).toBe('succeeded');
  });

  it('a failed check records nothing and is tried again at the next look', async () => {
    await start();
    const server = await createRunningServer(t, agentId);
    agent.failures['data.check'] = { code: 'INTERNAL', message: 'disk busy' };
    // Once a check asked after the failure was set is out, the host's earlier one is stored.
    const seen = checksOf(server.id);
    await waitFor(() => checksOf(server.id) >= seen + 1);
    const before = await getServer(t, server.id);
    agent.host.worlds.set(folderOf(server.name), {
      fileCount: 500,
      totalBytes: 5_000_000,
      hasSaves: true,
    });
    await waitFor(() => checksOf(server.id) >= seen + 4);
    const failed = await getServer(t, server.id);
    expect(failed.dataCheckedAt).toBe(before.dataCheckedAt);
    expect(failed.healthyFingerprint).toEqual(before.healthyFingerprint);

    delete agent.failures['data.check'];
    await waitFor(
      async () => (await getServer(t, server.id)).healthyFingerprint?.fileCount === 500,
    );
  });

  it("a request that fails for one server's folder does not hold up the others: that server sits out a few looks", async () => {
    t = await startTestManager({
      dataWatch: { tickMs: 10, maxAgeMs: 0, perHost: 100, perRequest: 1, restLooks: 10 },
    });
    ({ agent, agentId } = await connectAgent(t));
    const [a, b, c] = [
      await createRunningServer(t, agentId, 'srv-a'),
      await createRunningServer(t, agentId, 'srv-b'),
      await createRunningServer(t, agentId, 'srv-c'),
    ];
    agent.refuse['data.check'] = (command) =>
      command.name === 'data.check' && command.items.some((i) => i.serverId === b!.id)
        ? { code: 'INTERNAL', message: 'EACCES: permission denied' }
        : undefined;
    const [seenA, seenB, seenC] = [checksOf(a!.id), checksOf(b!.id), checksOf(c!.id)];
    await waitFor(() => checksOf(a!.id) >= seenA + 12 && checksOf(c!.id) >= seenC + 12);
    // Ten looks of rest after each failure: at most two asks in twelve looks.
    expect(checksOf(b!.id) - seenB).toBeGreaterThanOrEqual(1);
    expect(checksOf(b!.id) - seenB).toBeLessThanOrEqual(2);
    expect(agent.commands('data.check').every((cmd) => cmd.items.length === 1)).toBe(true);
  });

  it("an agent whose clock runs a day ahead is still checked: check times are the manager's", async () => {
    await start();
    const server = await createRunningServer(t, agentId);
    const ahead = new Date(Date.now() + 86_400_000).toISOString();
    agent.rewrite['data.check'] = (result) => {
      const { results } = result as { results: { checkedAt?: string }[] };
      return { results: results.map((r) => ({ ...r, checkedAt: ahead })) };
    };
    const seen = checksOf(server.id);
    await waitFor(() => checksOf(server.id) >= seen + 3);
    const checked = await getServer(t, server.id);
    expect(checked.dataCheckedAt! < ahead).toBe(true);
  });

  it('a check that was out while an operation ran on the server is not recorded: the operation owns that moment', async () => {
    await start();
    const server = await createRunningServer(t, agentId);
    const before = await waitFor(async () => {
      const s = await getServer(t, server.id);
      return s.healthyFingerprint ? s : undefined;
    });
    // The next look walks the world mid-operation (as a rollback swaps folders): it measures
    // something else than the world before and after.
    let rewritten = 0;
    agent.rewrite['data.check'] = (result) => {
      rewritten++;
      const { results } = result as { results: { fingerprint?: object }[] };
      return {
        results: results.map((r) => ({
          ...r,
          fingerprint: {
            fileCount: 900,
            totalBytes: 9_000_000,
            hasSaves: true,
            takenAt: new Date().toISOString(),
          },
        })),
      };
    };
    agent.holdReply('data.check');
    await waitFor(() => agent.inFlight['data.check'] === 1);
    const seen = checksOf(server.id);
    const restart = await t.admin.expect(
      202,
      ServerActionResponse,
      'POST',
      `/api/agents/${agentId}/servers/${server.id}/restart`,
    );
    expect((await waitForOperation(t, restart.operation.id)).state).toBe('succeeded');
    delete agent.rewrite['data.check'];
    agent.release();
    // Once the next look is out, the held one's answer was handled.
    await waitFor(() => checksOf(server.id) >= seen + 1);
    expect(rewritten).toBe(1);
    const after = await getServer(t, server.id);
    expect(after.healthyFingerprint).toEqual({
      ...before.healthyFingerprint,
      takenAt: expect.any(String),
    });
  });
});
