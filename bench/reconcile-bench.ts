import Database from 'better-sqlite3';
import { join } from 'node:path';
import { CreateAgentResponse } from '../contract/http/agents';
import { FakeHost, ScriptedAgent } from '../manager/src/testing/scripted-agent';
import { seedServers } from '../manager/src/testing/seed-servers';
import { startManagerProcess, worstLatencyDuring } from './manager-process';

export interface ReconcileResult {
  servers: number;
  /** hello → every status applied (null: never within the limit). */
  ms: number | null;
  /** Worst latency of a cheap request during the reconcile (≈ longest event-loop block). */
  worstMs: number;
  /** Statuses still wrong at the end. */
  wrong: number;
}

const dataPath = '/srv/bench';

/** Seed `n` running servers, remove every third container on the host, connect, time the reconcile. */
export async function benchReconcile(n: number, limitMs = 60_000): Promise<ReconcileResult> {
  const m = await startManagerProcess();
  try {
    const created = await m.admin.expect(201, CreateAgentResponse, 'POST', '/api/agents', {
      name: 'bench-host',
      serverDataPath: dataPath,
      defaultImage: 'bench/zomboid',
    });
    const seeded = seedServers(m.dataDir, created.agent.id, n);
    const host = new FakeHost();
    let expectedMissing = 0;
    seeded.forEach((server, i) => {
      host.dataDirs.add(`${dataPath}/${server.name}`);
      if (i % 3 === 0) expectedMissing++;
      else host.addContainer({ serverId: server.id, serverName: server.name });
    });
    const db = new Database(join(m.dataDir, 'zedops.db'), { readonly: true });
    const missing = db.prepare("SELECT COUNT(*) AS c FROM servers WHERE status = 'missing'");
    const count = () => (missing.get() as { c: number }).c;

    let agent: ScriptedAgent | undefined;
    const { result: ms, worstMs } = await worstLatencyDuring(m.url, async () => {
      const t0 = performance.now();
      agent = await ScriptedAgent.connect(m.url, created.registrationToken, {
        host,
        defaultDataPath: dataPath,
      });
      while (count() !== expectedMissing) {
        if (performance.now() - t0 > limitMs) return null;
        await new Promise((r) => setTimeout(r, 5));
      }
      return performance.now() - t0;
    });
    const wrong = Math.abs(expectedMissing - count());
    await agent?.disconnect();
    db.close();
    return { servers: n, ms, worstMs, wrong };
  } finally {
    await m.stop();
  }
}
