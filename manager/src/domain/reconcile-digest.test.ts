import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { containerMountPoints } from '@contract/container-shape';
import { apiPaths } from '@contract/http/paths';
import { ListServersResponse, type Server } from '@contract/http/servers';
import type { ListResult } from '@contract/agent-protocol';
import {
  closeOpened,
  connectAgent,
  createRunningServer,
  dataPath,
  getServer,
  startTestManager,
  type TestManager,
} from '../testing/harness';
import type { ScriptedAgent, ScriptedAgentOptions } from '../testing/scripted-agent';
import { listPartSize } from './agent-calls';

/**
 * A whole-host reconcile asks for digests; a container whose digest differs is compared on its
 * details, asked for in a second `container.list` of those servers only, and its drift is what an
 * agent sending details gives (docs/decisions/0104-list-digest.md).
 */
describe('reconcile with list digests', () => {
  let t: TestManager | undefined;
  let agent: ScriptedAgent | undefined;
  let agentId = '';
  afterEach(closeOpened(() => ({ t, agent })));

  /** Four running servers; three containers changed behind the manager's back, one field each. */
  const prepare = async (options: ScriptedAgentOptions = {}) => {
    t = await startTestManager();
    const connected = await connectAgent(t, 'host-a', options);
    agent = connected.agent;
    agentId = connected.agentId;
    const servers: Server[] = [];
    for (const name of ['ports', 'mounts', 'env', 'clean'])
      servers.push(await createRunningServer(t, agentId, `dg-${name}`));
    const [ports, mounts, env] = servers.map((s) => agent!.host.containersOf(s.id)[0]!);
    agent.host.alterContainer(ports!.id, {
      ports: [{ ...ports!.ports![0]!, hostPort: 17000 }, ...ports!.ports!.slice(1)],
    });
    agent.host.alterContainer(mounts!.id, {
      mounts: [
        mounts!.mounts![0]!,
        { type: 'volume', source: 'worlds', destination: containerMountPoints.data },
      ],
    });
    agent.host.alterContainer(env!.id, { env: { ...env!.env, TZ: 'Europe/Oslo' } });
    return servers;
  };
  /** A whole-host pass; the servers after it by name, and the lists it asked for. */
  const sync = async () => {
    const before = agent!.commands('container.list').length;
    const res = await t!.admin.call('POST', apiPaths.sync(agentId));
    const byName = new Map(
      (res.status === 200 ? ListServersResponse.parse(res.body).servers : []).map((s) => [
        s.name,
        s,
      ]),
    );
    return { status: res.status, byName, lists: agent!.commands('container.list').slice(before) };
  };
  const driftOf = (byName: Map<string, Server>) =>
    Object.fromEntries([...byName].map(([name, s]) => [name, s.drift.map((d) => d.field)]));
  const expectedDrift = {
    'dg-ports': ['ports'],
    'dg-mounts': ['mounts'],
    'dg-env': ['env.TZ'],
    'dg-clean': [],
  };

  it('finds each changed field through the details of only the servers whose digest differs', async () => {
    const servers = await prepare();
    const { byName, lists } = await sync();
    expect(driftOf(byName)).toEqual(expectedDrift);
    expect(byName.get('dg-mounts')!.drift[0]!.actual).toBe(
      `${dataPath}/dg-mounts/bin:${containerMountPoints.bin}, worlds:${containerMountPoints.data}`,
    );
    expect(lists).toHaveLength(2);
    expect(lists[0]).toEqual({ name: 'container.list', digest: true, partSize: listPartSize });
    expect(lists[1]!.digest).toBeUndefined();
    expect(new Set(lists[1]!.serverIds)).toEqual(new Set(servers.slice(0, 3).map((s) => s.id)));
    expect([...byName.values()].every((s) => s.status === 'running')).toBe(true);
    // Put back as the config builds it, the container's drift is cleared by its digest alone.
    const ports = agent!.host.containersOf(servers[0]!.id)[0]!;
    agent!.host.alterContainer(ports.id, {
      ports: ports.ports!.map((p) => ({ ...p, hostPort: p.containerPort })),
    });
    const again = await sync();
    expect(again.byName.get('dg-ports')!.drift).toEqual([]);
    expect(new Set(again.lists[1]!.serverIds)).toEqual(
      new Set(servers.slice(1, 3).map((s) => s.id)),
    );
  });

  it('a sealed expected digest serves the next pass until the config it was computed from changes', async () => {
    const servers = await prepare();
    expect(driftOf((await sync()).byName)).toEqual(expectedDrift);
    const db = new Database(join(t!.dataDir, 'zedops.db'), { readonly: true });
    const stored = db.prepare('SELECT name, digest_seal FROM servers ORDER BY name').all() as {
      name: string;
      digest_seal: string | null;
    }[];
    db.close();
    // Every server's expected digest was computed once and its seal stored.
    expect(stored.map((r) => r.name)).toEqual(['dg-clean', 'dg-env', 'dg-mounts', 'dg-ports']);
    for (const r of stored) expect(r.digest_seal).toMatch(/^[\w-]{43}$/);
    // The clean server's config changes: its container now differs from it, and the stored
    // digest (of the config before) must not hide that.
    const clean = servers[3]!;
    const res = await t!.admin.call('PATCH', apiPaths.agentServer(agentId, clean.id), {
      config: { ...clean.config, MAX_PLAYERS: '8' },
    });
    expect(res.status).toBe(200);
    const { byName, lists } = await sync();
    expect(driftOf(byName)).toEqual({ ...expectedDrift, 'dg-clean': ['env.MAX_PLAYERS'] });
    expect(new Set(lists[1]!.serverIds)).toEqual(new Set(servers.map((s) => s.id)));
  });

  it('an agent older than digests answers with details, compared as before, in one list', async () => {
    await prepare({ ignoresDigest: true });
    const { byName, lists } = await sync();
    expect(driftOf(byName)).toEqual(expectedDrift);
    expect(lists).toHaveLength(1);
  });

  it('a container gone before its details come leaves its server as it was: nothing guessed', async () => {
    const servers = await prepare();
    expect(driftOf((await sync()).byName)).toEqual(expectedDrift);
    // The details list no longer shows the containers (removed between the two lists).
    agent!.rewrite['container.list'] = (result) => {
      const r = result as ListResult;
      return r.containers.some((c) => c.digest === undefined) ? { ...r, containers: [] } : r;
    };
    const { status, byName } = await sync();
    expect(status).toBe(200);
    // Their drift as the last pass that saw their details stored it, not cleared.
    expect(driftOf(byName)).toEqual(expectedDrift);
    for (const s of servers) {
      const now = await getServer(t!, s.id);
      expect([now.status, now.containerId]).toEqual(['running', s.containerId]);
    }
  });

  it('a failed details list fails the pass before any server is marked missing', async () => {
    const servers = await prepare();
    // The clean server's container is removed: a pass that completes marks it missing.
    agent!.host.containers.delete(agent!.host.containersOf(servers[3]!.id)[0]!.id);
    agent!.refuse['container.list'] = (command) =>
      command.name === 'container.list' && command.serverIds
        ? { code: 'DOCKER_UNAVAILABLE', message: 'engine went away' }
        : undefined;
    const failed = await sync();
    expect(failed.lists.at(-1)!.serverIds).toHaveLength(3); // it was asked, and refused
    expect((await getServer(t!, servers[3]!.id)).status).toBe('running');
    // Once the details come, the same pass finds the drift and the vanished container.
    delete agent!.refuse['container.list'];
    const { byName } = await sync();
    expect(driftOf(byName)).toEqual(expectedDrift);
    expect(byName.get('dg-clean')!.status).toBe('missing');
  });
});
