import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { connectAgent, dataPath, startTestManager, type TestManager } from '../testing/harness';
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
  afterEach(async () => {
    await agent?.disconnect();
    await t?.close();
  });

  it('is listed in parts and reconciled whole', async () => {
    t = await startTestManager();
    const connected = await connectAgent(t);
    agent = connected.agent;
    // 3,400 servers, 2,266 containers: full parts and a reply with the rest.
    expect(await reconcileFleet(t, agent, connected.agentId, 3400)).toEqual([]);
    const lists = agent.commands('container.list');
    expect(lists.at(-1)).toEqual({ name: 'container.list', partSize: listPartSize });
  }, 60_000);

  it('is reconciled as well when its agent predates parts and answers in one reply', async () => {
    t = await startTestManager();
    const connected = await connectAgent(t, 'old-host', { ignoresListParts: true });
    agent = connected.agent;
    expect(await reconcileFleet(t, agent, connected.agentId, 3400)).toEqual([]);
  }, 60_000);
});
