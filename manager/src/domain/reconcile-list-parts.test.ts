import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { AuditResponse } from '@contract/http/audit';
import {
  closeOpened,
  connectAgent,
  dataPath,
  getServer,
  startTestManager,
  waitFor,
  type TestManager,
} from '../testing/harness';
import type { ScriptedAgent } from '../testing/scripted-agent';
import { listPartSize } from './agent-calls';
import { seedServers } from '../testing/seed-servers';

/** Seed servers, remove every third container, reconcile; the servers whose status is wrong. */
async function reconcileFleet(t: TestManager, agent: ScriptedAgent, agentId: string, n: number) {
  const seeded = seedServers(t.dataDir, agentId, n);
  const expectedMissing = new Set<string>();
  seeded.forEach((s, i) => {
    agent.host.dataDirs.add(`${dataPath}/${s.name}`);
    if (i % 3 === 0) expectedMissing.add(s.id);
    else agent.host.addContainer({ serverId: s.id, serverName: s.name });
  });
  const res = await t.admin.call('POST', apiPaths.sync(agentId));
  expect(res.status).toBe(200);
  const db = new Database(join(t.dataDir, 'zedops.db'), { readonly: true });
  const rows = db.prepare("SELECT id, status FROM servers WHERE name LIKE 'seed-%'").all() as {
    id: string;
    status: string;
  }[];
  db.close();
  expect(rows).toHaveLength(n);
  return rows.filter((r) => (r.status === 'missing') !== expectedMissing.has(r.id));
}

describe('a host with thousands of containers', () => {
  let t: TestManager | undefined;
  let agent: ScriptedAgent | undefined;
  afterEach(closeOpened(() => ({ t, agent })));

  it('is listed in parts and reconciled whole', async () => {
    t = await startTestManager();
    const connected = await connectAgent(t);
    agent = connected.agent;
    // 3,400 servers, 2,266 containers: full parts and a reply with the rest.
    expect(await reconcileFleet(t, agent, connected.agentId, 3400)).toEqual([]);
    const lists = agent.commands('container.list');
    expect(lists.at(-1)).toEqual({ name: 'container.list', digest: true, partSize: listPartSize });
  }, 60_000);

  it('has each part compared and stored as it arrives; no server is missing before the list is whole', async () => {
    t = await startTestManager();
    const connected = await connectAgent(t);
    agent = connected.agent;
    const seeded = seedServers(t.dataDir, connected.agentId, 3 * listPartSize);
    // The last server has no container; the others each have one the rows do not know yet.
    const containerOf = new Map(
      seeded
        .slice(0, -1)
        .map((s) => [s.id, agent!.host.addContainer({ serverId: s.id, serverName: s.name }).id]),
    );
    const alone = seeded.at(-1)!;
    const db = new Database(join(t.dataDir, 'zedops.db'), { readonly: true });
    const row = db.prepare('SELECT status, container_id AS containerId FROM servers WHERE id = ?');
    const stored = (id: string) => row.get(id) as { status: string; containerId: string };

    agent.holdReply('container.list'); // the parts go out, the reply that makes the list whole waits
    const syncing = t.admin.call('POST', apiPaths.sync(connected.agentId));
    const first = seeded[0]!;
    await waitFor(() => stored(first.id).containerId === containerOf.get(first.id));
    expect(stored(alone.id).status).toBe('running'); // only a whole list shows it has no container
    agent.release();
    expect((await syncing).status).toBe(200);
    expect(stored(alone.id).status).toBe('missing');
    for (const s of seeded.slice(0, -1))
      expect(stored(s.id)).toEqual({ status: 'running', containerId: containerOf.get(s.id) });
    db.close();
  }, 60_000);

  it('lost part-way, leaves the parts that came stored and marks no server missing', async () => {
    const m = (t = await startTestManager());
    const connected = await connectAgent(m);
    agent = connected.agent;
    const seeded = seedServers(m.dataDir, connected.agentId, 2 * listPartSize);
    const first = seeded[0]!;
    const alone = seeded.at(-1)!;
    const container = agent.host.addContainer({ serverId: first.id, serverName: first.name });
    for (const s of seeded.slice(1, -1))
      agent.host.addContainer({ serverId: s.id, serverName: s.name });
    agent.holdReply('container.list');
    const syncing = m.admin.call('POST', apiPaths.sync(connected.agentId));
    await waitFor(async () => (await getServer(m, first.id)).containerId === container.id);
    await agent.disconnect(); // the reply never comes
    await waitFor(async () => (await getServer(m, alone.id)).agentStatus === 'offline');
    expect((await getServer(m, alone.id)).status).toBe('running');
    await syncing; // answered before the manager closes (left pending, it failed the run later)
  }, 60_000);

  it('compares a server anew when another container of it comes in a later part', async () => {
    t = await startTestManager();
    const connected = await connectAgent(t);
    agent = connected.agent;
    const seeded = seedServers(t.dataDir, connected.agentId, 2 * listPartSize);
    const [twice, ...others] = seeded;
    // A stopped container in the first part, a running one in the reply: the running one counts.
    agent.host.addContainer({ serverId: twice!.id, serverName: twice!.name, running: false });
    for (const s of others) agent.host.addContainer({ serverId: s.id, serverName: s.name });
    const running = agent.host.addContainer({ serverId: twice!.id, serverName: twice!.name });
    expect((await t.admin.call('POST', apiPaths.sync(connected.agentId))).status).toBe(200);
    const server = await getServer(t, twice!.id);
    expect(server).toMatchObject({ status: 'running', containerId: running.id });
    const audit = AuditResponse.parse(
      (await t.admin.call('GET', `/api/audit?serverId=${twice!.id}`)).body,
    );
    expect(audit.entries.filter((e) => e.action === 'server.duplicate_container')).toHaveLength(1);
  }, 60_000);

  it('is reconciled as well when its agent predates parts and answers in one reply', async () => {
    t = await startTestManager();
    const connected = await connectAgent(t, 'old-host', { ignoresListParts: true });
    agent = connected.agent;
    expect(await reconcileFleet(t, agent, connected.agentId, 3400)).toEqual([]);
  }, 60_000);
});
