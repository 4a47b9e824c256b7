import { afterEach, describe, expect, it } from 'vitest';
import { LiveEvent, serversInOneEventFrom } from '@contract/events';
import { apiPaths } from '@contract/http/paths';
import {
  closeOpened,
  connectAgent,
  dataPath,
  startTestManager,
  type TestManager,
} from '../testing/harness';
import type { ScriptedAgent } from '../testing/scripted-agent';
import { openEvents } from '../testing/live-stream';
import { seedServers } from '../testing/seed-servers';

describe('servers a reconcile changes reach the dashboard', () => {
  let t: TestManager | undefined;
  let agent: ScriptedAgent | undefined;
  afterEach(closeOpened(() => ({ t, agent })));

  it('as one servers.updated for a burst, and as server.updated for one server', async () => {
    t = await startTestManager();
    const connected = await connectAgent(t);
    agent = connected.agent;
    const n = serversInOneEventFrom + 5;
    const seeded = seedServers(t.dataDir, connected.agentId, n);
    const [gone, ...others] = seeded;
    // Every server changes: one has no container, the others a container id the rows lack.
    for (const s of seeded) agent.host.dataDirs.add(`${dataPath}/${s.name}`);
    const containers = new Map(
      others.map((s) => [s.id, agent!.host.addContainer({ serverId: s.id, serverName: s.name })]),
    );
    const stream = await openEvents(t);
    expect((await t.admin.call('POST', apiPaths.sync(connected.agentId))).status).toBe(200);

    const seededIds = new Set(seeded.map((s) => s.id));
    const carried = (e: LiveEvent) =>
      (e.type === 'servers.updated'
        ? e.servers
        : e.type === 'server.updated'
          ? [e.server]
          : []
      ).filter((s) => seededIds.has(s.id));
    const seen = () => stream.events().flatMap(carried);
    await stream.readUntil(() => seen().length >= n);
    const byId = new Map(seen().map((s) => [s.id, s]));
    expect(seen()).toHaveLength(n); // each server once
    expect(byId.get(gone!.id)).toMatchObject({ status: 'missing', containerId: null });
    for (const s of others)
      expect(byId.get(s.id)).toMatchObject({
        status: 'running',
        containerId: containers.get(s.id)!.id,
      });
    // The containers compared together went out together (the one without a container is
    // compared after them, and may follow alone).
    const burst = stream.events().filter((e) => e.type === 'servers.updated');
    expect(burst.map((e) => carried(e).length)).toEqual([others.length]);

    // One container removed behind the manager's back: that server alone, as server.updated.
    const one = others[0]!;
    agent.destroyContainers(one.id);
    await stream.readUntil((events) =>
      events.some(
        (e) =>
          e.type === 'server.updated' && e.server.id === one.id && e.server.status === 'missing',
      ),
    );
    stream.close();
  }, 30_000);
});
