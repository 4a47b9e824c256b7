import { CreateAgentResponse } from '../contract/http/agents';
import { apiPaths } from '../contract/http/paths';
import { FakeHost, ScriptedAgent } from '../manager/src/testing/scripted-agent';
import { seedServers } from '../manager/src/testing/seed-servers';
import { startManagerProcess } from './manager-process';

export interface FleetResult {
  agents: number;
  servers: number;
  /** Manager RSS once every agent is connected and idle, MB. */
  rssMb: number;
  /** Lifecycle request → the agent holds the command, ms. */
  commandP50: number;
  commandP99: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** `agents` scripted agents with 2 servers each on one manager process: memory and command latency. */
export async function benchFleet(agents: number, commands = 200): Promise<FleetResult> {
  const m = await startManagerProcess();
  const connected: ScriptedAgent[] = [];
  try {
    const servers: { agentId: string; serverId: string; agent: ScriptedAgent }[] = [];
    for (let i = 0; i < agents; i++) {
      const created = await m.admin.expect(201, CreateAgentResponse, 'POST', apiPaths.agents, {
        name: `fleet-${i}`,
        serverDataPath: `/srv/fleet-${i}`,
      });
      const seeded = seedServers(m.dataDir, created.agent.id, 2, 2000);
      const host = new FakeHost();
      for (const s of seeded) {
        host.dataDirs.add(`/srv/fleet-${i}/${s.name}`);
        host.addContainer({ serverId: s.id, serverName: s.name });
      }
      const agent = await ScriptedAgent.connect(m.url, created.registrationToken, {
        defaultDataPath: `/srv/fleet-${i}`,
        host,
      });
      for (const s of seeded) servers.push({ agentId: created.agent.id, serverId: s.id, agent });
      connected.push(agent);
    }
    await new Promise((r) => setTimeout(r, 2000)); // let every first reconcile settle
    const rssMb = await m.rssMb();
    const latencies: number[] = [];
    for (let i = 0; i < commands; i++) {
      const target = servers[(i * 7919) % servers.length]!;
      const before = target.agent.received.length;
      const t0 = performance.now();
      const res = await m.admin.call(
        'POST',
        apiPaths.serverAction(target.agentId, target.serverId, 'restart'),
        {},
      );
      if (res.status !== 202)
        throw new Error(`restart answered ${res.status} ${JSON.stringify(res.body)}`);
      while (
        !target.agent.received.slice(before).some((r) => r.command.name === 'container.restart')
      )
        await new Promise((r) => setImmediate(r));
      latencies.push(performance.now() - t0);
      // Let the operation end before the next one on the same server.
      while (
        (
          (await m.admin.call('GET', apiPaths.server(target.serverId))).body as {
            server: { activeOperation: unknown };
          }
        ).server.activeOperation
      )
        await new Promise((r) => setTimeout(r, 5));
    }
    latencies.sort((a, b) => a - b);
    return {
      agents,
      servers: servers.length,
      rssMb,
      commandP50: percentile(latencies, 50),
      commandP99: percentile(latencies, 99),
    };
  } finally {
    await Promise.all(connected.map((a) => a.disconnect()));
    await m.stop();
  }
}
