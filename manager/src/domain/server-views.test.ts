import { afterEach, describe, expect, it } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { AgentsRepo } from '../db/agents-repo';
import { openDatabase } from '../db/connection';
import { OperationsRepo } from '../db/operations-repo';
import { ServersRepo } from '../db/servers-repo';
import {
  connectAgent,
  createRunningServer,
  startTestManager,
  waitFor,
  type TestManager,
} from '../testing/harness';
import type { ScriptedAgent } from '../testing/scripted-agent';
import { seedServers } from '../testing/seed-servers';
import type { ManagerContext } from './context';
import { serverView, serverViews } from './server-view';

describe('views of many servers at once', () => {
  let t: TestManager | undefined;
  const agents: ScriptedAgent[] = [];
  afterEach(async () => {
    for (const a of agents.splice(0)) {
      a.release();
      await a.disconnect();
    }
    await t?.close();
  });

  it('equal the one-by-one views, few or many: each agent joined, the active operation on its server only', async () => {
    t = await startTestManager();
    const a = await connectAgent(t, 'host-a');
    const b = await connectAgent(t, 'host-b');
    agents.push(a.agent, b.agent);
    const alpha = await createRunningServer(t, a.agentId, 'alpha');
    await createRunningServer(t, a.agentId, 'beta');
    await createRunningServer(t, b.agentId, 'gamma');
    await b.agent.disconnect(); // gamma's agent shows offline
    a.agent.hold('container.stop'); // alpha's stop stays running
    const stop = await t.admin.call('POST', apiPaths.serverAction(a.agentId, alpha.id, 'stop'));
    expect(stop.status).toBe(202);
    await waitFor(async () => a.agent.commands('container.stop').length === 1);

    const db = openDatabase(t.dataDir);
    const ctx = {
      agents: new AgentsRepo(db),
      operations: new OperationsRepo(db),
      servers: new ServersRepo(db),
    } as unknown as ManagerContext;
    const few = ctx.servers.listAll();
    expect(serverViews(ctx, few)).toEqual(few.map((row) => serverView(ctx, row)));
    // A fleet big enough for the active operations to be read in one query.
    seedServers(t.dataDir, a.agentId, 150, 40_000);
    const rows = ctx.servers.listAll();
    const views = serverViews(ctx, rows);
    expect(views).toEqual(rows.map((row) => serverView(ctx, row)));
    const byName = new Map(views.map((v) => [v.name, v]));
    expect(byName.get('alpha')!.activeOperation?.kind).toBe('stop');
    expect(byName.get('beta')!.activeOperation).toBeNull();
    expect(byName.get('gamma')!.agentStatus).toBe('offline');
    expect(serverViews(ctx, [])).toEqual([]);
    db.close();
  });
});
