import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import {
  closeOpened,
  connectAgent,
  dataPath,
  startTestManager,
  type TestManager,
} from '../testing/harness';
import type { ScriptedAgent } from '../testing/scripted-agent';
import { seedServers } from '../testing/seed-servers';

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}
const levels = { debug: 20, info: 30, warn: 40 };

/** A manager whose log lines (debug and up) are kept, parsed. */
async function loggedManager(): Promise<{ t: TestManager; lines: LogLine[] }> {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => lines.push(JSON.parse(s)) });
  return { t: await startTestManager({ logger }), lines };
}

describe('a reconcile pass in the log', () => {
  let t: TestManager | undefined;
  let agent: ScriptedAgent | undefined;
  afterEach(closeOpened(() => ({ t, agent })));

  it('is one info line with the counts; each server changed is a debug line', async () => {
    const logged = await loggedManager();
    t = logged.t;
    const connected = await connectAgent(t);
    agent = connected.agent;
    const seeded = seedServers(t.dataDir, connected.agentId, 5);
    // Two vanished; three have a container the rows do not know yet (a new container id).
    for (const s of seeded.slice(2)) {
      agent.host.dataDirs.add(`${dataPath}/${s.name}`);
      agent.host.addContainer({ serverId: s.id, serverName: s.name });
    }
    logged.lines.length = 0;
    expect((await t.admin.call('POST', apiPaths.sync(connected.agentId))).status).toBe(200);

    const summaries = logged.lines.filter((l) => l.msg === 'reconciled server statuses');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      level: levels.info,
      agentId: connected.agentId,
      servers: 5,
      containers: 3,
      changed: 5,
      to: { missing: 2, running: 3 },
      drifted: 0,
      vanished: 2,
      complete: true,
    });
    const perServer = logged.lines.filter((l) => l.msg === 'reconciled server status');
    expect(perServer.map((l) => l.level)).toEqual(Array(5).fill(levels.debug));
    expect(new Set(perServer.map((l) => l.serverId))).toEqual(new Set(seeded.map((s) => s.id)));
  }, 30_000);

  it('still says the pass did not finish, and the failure is logged as a warning', async () => {
    const logged = await loggedManager();
    t = logged.t;
    const connected = await connectAgent(t);
    agent = connected.agent;
    seedServers(t.dataDir, connected.agentId, 3);
    agent.failures['container.list'] = { code: 'DOCKER_UNAVAILABLE', message: 'engine gone' };
    logged.lines.length = 0;
    await t.admin.call('POST', apiPaths.sync(connected.agentId));

    const summary = logged.lines.find((l) => l.msg === 'reconciled server statuses');
    expect(summary).toMatchObject({ level: levels.info, changed: 0, complete: false });
    const failure = logged.lines.find((l) => l.msg === 'reconcile failed');
    expect(failure).toMatchObject({ level: levels.warn, agentId: connected.agentId });
    expect(String(failure!.err)).toContain('engine gone');
    expect(logged.lines.indexOf(summary!)).toBeLessThan(logged.lines.indexOf(failure!));
  }, 30_000);
});
