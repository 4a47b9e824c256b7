import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { dataCheckMaxItems } from '@contract/agent-protocol';
import { ScriptedAgent } from '../testing/scripted-agent';
import {
  createRunningServer,
  dataPath,
  getServer,
  waitFor,
  withManagerAndAgent,
  type TestManager,
} from '../testing/harness';
import { seedServers } from '../testing/seed-servers';

describe('reconcile at fleet size', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  withManagerAndAgent('each', (env) => {
    ({ t, agent, agentId } = env);
  });

  it('an agent with more servers than one data.check may carry is reconciled in chunks', async () => {
    const count = dataCheckMaxItems + 500;
    const seeded = seedServers(t.dataDir, agentId, count);
    // Every third container is gone; the rest run. All data folders are there.
    const expectedMissing = new Set<string>();
    seeded.forEach((s, i) => {
      agent.host.dataDirs.add(`${dataPath}/${s.name}`);
      if (i % 3 === 0) expectedMissing.add(s.id);
      else agent.host.addContainer({ serverId: s.id, serverName: s.name });
    });
    const checksBefore = agent.commands('data.check').length;
    const res = await t.admin.call('POST', apiPaths.sync(agentId));
    expect(res.status).toBe(200);
    const checks = agent.commands('data.check').slice(checksBefore);
    expect(checks.map((c) => c.items.length)).toEqual([dataCheckMaxItems, 500]);
    const db = new Database(join(t.dataDir, 'zedops.db'), { readonly: true });
    const rows = db.prepare("SELECT id, status FROM servers WHERE name LIKE 'seed-%'").all() as {
      id: string;
      status: string;
    }[];
    db.close();
    const wrong = rows.filter((r) => (r.status === 'missing') !== expectedMissing.has(r.id));
    expect(rows).toHaveLength(count);
    expect(wrong).toEqual([]);
  }, 60_000);

  it('a Docker event shows a vanished container at once, before the confirming reconcile answers', async () => {
    const server = await createRunningServer(t, agentId);
    agent.hold('container.list'); // the confirming reconcile cannot finish
    agent.destroyContainers(server.id);
    await waitFor(async () => (await getServer(t, server.id)).status === 'missing');
    agent.release();
  });

  it('a start event shows a server started by hand as running', async () => {
    const server = await createRunningServer(t, agentId);
    const [container] = agent.host.containersOf(server.id);
    agent.host.containers.set(container!.id, { ...container!, running: false, state: 'exited' });
    agent.hold('container.list');
    agent.pushEvent('die', container!);
    await waitFor(async () => (await getServer(t, server.id)).status === 'stopped');
    agent.host.containers.set(container!.id, container!);
    agent.pushEvent('start', container!);
    await waitFor(async () => (await getServer(t, server.id)).status === 'running');
    agent.release();
  });
});
