import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { ContainerSpec } from '../contract/agent-protocol';
import { CreateAgentResponse } from '../contract/http/agents';
import { FakeHost, ScriptedAgent } from '../manager/src/testing/scripted-agent';
import { seedServers } from '../manager/src/testing/seed-servers';
import { startManagerProcess, worstLatencyDuring, type ManagerProcess } from './manager-process';

export interface ReconcileResult {
  servers: number;
  /** hello → every status applied (null: never within the limit). */
  ms: number | null;
  /** hello → every server's data check stored as well (null: never within the limit). */
  checkedMs: number | null;
  /** Worst latency of a cheap request during the reconcile (both processes share the CPU). */
  worstMs: number;
  /** Longest event-loop block inside the manager during the reconcile (bench/loop-monitor.mjs). */
  loopBlockedMs: number;
  /** The manager's CPU time during that block (the rest of it, it waited for a core). */
  loopBlockedCpuMs: number;
  /** The most CPU time the manager spent in any one block (its own longest stretch of work). */
  loopBusiestCpuMs: number;
  /** CPU time used meanwhile by the manager and by this process (scripted agent and probes). */
  managerCpuMs: number;
  agentCpuMs: number;
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
 * The moment (the manager's wall clock) its pass over all `n` servers said it was whole. The
 * manager logs one line per pass once its statuses are stored (reconcile.ts): the moment is read
 * from that stamp, not from counting rows in a loop here (which took CPU from both processes),
 * nor from when this process, busy being the agent (its data checks start as the list ends), got
 * round to reading the line.
 */
function passWatch(n: number): { onLogLine: (line: string) => void; done: Promise<number> } {
  let passLogged: (atWallMs: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (passLogged = resolve));
  return {
    done,
    onLogLine: (line) => {
      if (!line.includes('"reconciled server statuses"')) return;
      const entry = JSON.parse(line) as { servers?: number; complete?: boolean; time?: number };
      if (entry.complete && entry.servers === n && entry.time) passLogged(entry.time);
    },
  };
}

/** Servers whose data check was last stored before the time given. */
const uncheckedSince = 'SELECT COUNT(*) AS c FROM servers WHERE data_checked_at < ?';

/** Resolves once every server's data check is stored since `since` (polled, not timed). */
async function everyDataChecked(dataDir: string, since: string): Promise<void> {
  const db = new Database(join(dataDir, 'zedops.db'), { readonly: true });
  const unchecked = db.prepare(uncheckedSince);
  try {
    while ((unchecked.get(since) as { c: number }).c > 0)
      await new Promise((r) => setTimeout(r, 20));
  } finally {
    db.close();
  }
}

const within = <T>(promise: Promise<T>, limitMs: number): Promise<T | null> =>
  Promise.race([promise, new Promise<null>((r) => setTimeout(() => r(null), limitMs).unref())]);

/**
 * Seed `n` running servers with their containers, and let one pass see them all (it stores what
 * a pass keeps for the next). Restart the manager, remove every third container on the host,
 * reconnect, time the reconcile. The remaining containers match their stored config, so the
 * drift check runs on each and writes nothing.
 */
export async function benchReconcile(n: number, limitMs = 60_000): Promise<ReconcileResult> {
  const earlierPass = passWatch(n);
  const first = await startManagerProcess({ onLogLine: earlierPass.onLogLine });
  let m: ManagerProcess = first;
  try {
    const created = await m.admin.expect(201, CreateAgentResponse, 'POST', '/api/agents', {
      name: 'bench-host',
      serverDataPath: dataPath,
      defaultImage: 'bench/zomboid',
    });
    const seeded = seedServers(m.dataDir, created.agent.id, n);
    const host = new FakeHost();
    // Reported in full (ports, mounts, env), so every container is compared with its config.
    const containerIds = seeded.map((server, i) => {
      host.dataDirs.add(`${dataPath}/${server.name}`);
      return host.addContainerFromSpec(specOf(server, i), 'sha256:bench').id;
    });
    // The rows know their containers, as after any earlier pass: a container that is still there
    // changes nothing.
    const writer = new Database(join(m.dataDir, 'zedops.db'));
    const setContainer = writer.prepare('UPDATE servers SET container_id = ? WHERE id = ?');
    writer.transaction(() => seeded.forEach((s, i) => setContainer.run(containerIds[i], s.id)))();
    writer.close();
    // The earlier pass, every container there: what it stores for the next pass (the expected
    // digests, docs/decisions/0115-stored-expected-digests.md) is in place, as on any host that
    // has been reconciled before.
    const earlierSince = new Date().toISOString();
    const earlier = await ScriptedAgent.connect(m.url, created.registrationToken, {
      host,
      defaultDataPath: dataPath,
    });
    const credential = earlier.credential!;
    // Its data checks stored as well: none is still being answered here while the next is timed.
    const earlierDone = await within(
      earlierPass.done.then(() => everyDataChecked(m.dataDir, earlierSince)),
      limitMs,
    );
    await earlier.disconnect();
    if (earlierDone === null) throw new Error(`the earlier pass over ${n} servers never ended`);
    // The manager restarts; meanwhile every third container is removed from the host: only
    // those are written.
    let expectedMissing = 0;
    containerIds.forEach((id, i) => {
      if (i % 3 !== 0) return;
      host.containers.delete(id);
      expectedMissing++;
    });
    const measuredPass = passWatch(n);
    await first.stop({ keepData: true });
    m = await startManagerProcess({ dataDir: first.dataDir, onLogLine: measuredPass.onLogLine });
    const db = new Database(join(m.dataDir, 'zedops.db'), { readonly: true });
    const missing = db.prepare("SELECT COUNT(*) AS c FROM servers WHERE status = 'missing'");
    const count = () => (missing.get() as { c: number }).c;
    const unchecked = db.prepare(uncheckedSince);
    // Another connection's commit changes it: the counts (table scans, CPU the manager shares)
    // are only taken again when something was written.
    const dataVersion = db.prepare('PRAGMA data_version').pluck();

    // The agent reconnects, as after a manager restart, warm: it listed its containers in the
    // earlier pass. A cold one compiles its listing code on the way: at 10,000 that was 20–50 ms
    // more (docs/decisions/0107-bench-agent-reconnects-warm.md).
    let agent: ScriptedAgent | undefined;
    const from = Date.now();
    const since = new Date().toISOString();
    let ms: number | null = null;
    let checkedMs: number | null = null;
    const cpuBefore = { manager: m.cpuMs(), agent: process.cpuUsage() };
    const { worstMs } = await worstLatencyDuring(m.url, async () => {
      const t0 = performance.now();
      const t0Wall = Date.now();
      agent = await ScriptedAgent.connect(m.url, credential, { host, defaultDataPath: dataPath });
      const logged = await within(measuredPass.done, limitMs);
      // The pass said it is whole: the statuses must be right then (else counted as before).
      if (logged !== null && count() === expectedMissing) ms = logged - t0Wall;
      let seen: unknown;
      while (ms === null || checkedMs === null) {
        if (performance.now() - t0 > limitMs) return;
        const version = dataVersion.get();
        if (version !== seen) {
          seen = version;
          const now = performance.now() - t0;
          if (ms === null && count() === expectedMissing) ms = now;
          // Each count scans the table in this process, which shares the CPU with the manager:
          // the data checks are only counted once the statuses are in (the manager stores them
          // after; were they first, checkedMs would read the moment the statuses came).
          if (ms !== null && checkedMs === null && (unchecked.get(since) as { c: number }).c === 0)
            checkedMs = now;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    // A matching container must show no drift: any that does is counted wrong.
    const drifted = db.prepare("SELECT COUNT(*) AS c FROM servers WHERE drift <> '[]'").get() as {
      c: number;
    };
    const wrong = Math.abs(expectedMissing - count()) + drifted.c;
    const managerCpuMs = m.cpuMs() - cpuBefore.manager;
    const agentCpu = process.cpuUsage(cpuBefore.agent);
    const agentCpuMs = (agentCpu.user + agentCpu.system) / 1000;
    const blocked = m.loopBlocked(from, Date.now());
    await agent?.disconnect();
    db.close();
    return {
      servers: n,
      ms,
      checkedMs,
      worstMs,
      loopBlockedMs: blocked.ms,
      loopBlockedCpuMs: blocked.cpuMs,
      loopBusiestCpuMs: blocked.maxCpuMs,
      managerCpuMs,
      agentCpuMs,
      wrong,
    };
  } finally {
    await m.stop();
    await first.stop(); // the data folder, when the restart never came
  }
}
