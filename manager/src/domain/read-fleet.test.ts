import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { ServersRepo } from '../db/servers-repo';
import { closeOpened, connectAgent, startTestManager, type TestManager } from '../testing/harness';
import type { ScriptedAgent } from '../testing/scripted-agent';
import { seedServers } from '../testing/seed-servers';
import type { ManagerContext } from './context';
import { listServersInSlices } from './read-fleet';

describe('reading a big fleet', () => {
  let t: TestManager | undefined;
  let agent: ScriptedAgent | undefined;
  afterEach(closeOpened(() => ({ t, agent })));

  it('reads every server of the agent exactly once, letting other work run between slices', async () => {
    t = await startTestManager();
    const connected = await connectAgent(t);
    agent = connected.agent;
    seedServers(t.dataDir, connected.agentId, 2345);
    const other = await connectAgent(t, 'host-b');
    seedServers(t.dataDir, other.agentId, 10, 30_000);
    await other.agent.disconnect();
    const db = openDatabase(t.dataDir);
    const servers = new ServersRepo(db);
    const ctx = { servers } as unknown as ManagerContext;
    let otherWorkRan = false;
    setImmediate(() => (otherWorkRan = true));
    const read = await listServersInSlices(ctx, connected.agentId);
    expect(otherWorkRan).toBe(true);
    // Paged by name in byte order (`name > ?`); the pass does not depend on the order.
    const ids = (list: { id: string }[]) => list.map((s) => s.id).sort();
    expect(ids(read)).toEqual(ids(servers.listByAgent(connected.agentId)));
    expect(new Set(read.map((s) => s.id)).size).toBe(2345);
    db.close();
  });
});
