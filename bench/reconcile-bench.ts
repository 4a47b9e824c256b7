import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { ContainerSpec } from '../contract/agent-protocol';
import { CreateAgentResponse } from '../contract/http/agents';
import { FakeHost, ScriptedAgent } from '../manager/src/testing/scripted-agent';
import { seedServers } from '../manager/src/testing/seed-servers';
import { startManagerProcess, worstLatencyDuring } from './manager-process';

export interface ReconcileResult {
  servers: number;
  /** hello → every status applied (null: never within the limit). */
  ms: number | null;
  /** Worst latency of a cheap request during the reconcile (both processes share the CPU). */
  worstMs: number;
  /** Longest event-loop block inside the manager during the reconcile (bench/loop-monitor.ts). */
  loopBlockedMs: number;
  /** Statuses still wrong at the end. */
  wrong: number;
}

const dataPath = '/srv/bench';

/** The spec a seeded server's stored config builds (seedServers: ports from 2000, 3 apart). */
const specOf = (server: { id: string; name: string }, i: number): ContainerSpec => ({
  serverId: server.id,
  serverName: server.name,
  image: 'bench/zomboid',
  imageTag: 'latest',
  env: {},
  gamePort: 2000 + i * 3,
  udpPort: 2001 + i * 3,
  rconPort: 2002 + i * 3,
  dataPath,
});

/**
 * Seed `n` running servers, remove every third container on the host, connect, time the
 * reconcile. The remaining containers match their stored config, so the drift check runs on each
 * and writes nothing.
 */
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
      // Reported in full (ports, mounts, env), so every container is compared with its config.
      else host.addContainerFromSpec(specOf(server, i), 'sha256:bench');
    });
    const db = new Database(join(m.dataDir, 'zedops.db'), { readonly: true });
    const missing = db.prepare("SELECT COUNT(*) AS c FROM servers WHERE status = 'missing'");
    const count = () => (missing.get() as { c: number }).c;

    let agent: ScriptedAgent | undefined;
    const from = Date.now();
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
    // A matching container must show no drift: any that does is counted wrong.
    const drifted = db.prepare("SELECT COUNT(*) AS c FROM servers WHERE drift <> '[]'").get() as {
      c: number;
    };
    const wrong = Math.abs(expectedMissing - count()) + drifted.c;
    const loopBlockedMs = m.loopBlockedMs(from, Date.now());
    await agent?.disconnect();
    db.close();
    return { servers: n, ms, worstMs, loopBlockedMs, wrong };
  } finally {
    await m.stop();
  }
}
