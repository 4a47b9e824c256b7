import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@contract/http/auth';
import { ServerActionResponse, type Server } from '@contract/http/servers';
import { apiPaths } from '@contract/http/paths';
import { ListServersResponse } from '@contract/http/servers';
import { maskedSecret } from '@contract/secrets';
import { AgentsRepo } from '../db/agents-repo';
import { openDatabase, type Db } from '../db/connection';
import { OperationsRepo } from '../db/operations-repo';
import { ServersRepo } from '../db/servers-repo';
import type { ManagerContext } from '../domain/context';
import {
  signedInAs,
  ApiClient,
  connectAgent,
  createRunningServer,
  getServer,
  makeMissing,
  startTestManager,
  waitFor,
  waitForOperation,
  type TestManager,
} from '../testing/harness';
import type { ScriptedAgent } from '../testing/scripted-agent';
import { seedServers } from '../testing/seed-servers';
import { buildListJson, type ListRequest } from './server-lists';

/**
 * Kept list answers never go stale: after each kind of change, every list (both scopes, both
 * shapes, both views of secrets, plain and gzipped, asked twice so the second is the kept one)
 * is byte for byte what a fresh build on another connection makes of the same database.
 */
describe('kept server lists', () => {
  let t: TestManager;
  let viewer: ApiClient;
  let a: { agent: ScriptedAgent; agentId: string };
  let b: { agent: ScriptedAgent; agentId: string };
  let db: Db;
  let fresh: ManagerContext;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestManager();
    a = await connectAgent(t, 'host-a');
    b = await connectAgent(t, 'host-b');
    ids.alpha = (await createRunningServer(t, a.agentId, 'alpha')).id;
    ids.bravo = (await createRunningServer(t, a.agentId, 'bravo')).id;
    ids.charlie = (await createRunningServer(t, b.agentId, 'charlie')).id;
    ids.delta = (await createRunningServer(t, b.agentId, 'delta')).id;
    viewer = await signedInAs(t, 'viewer');
    db = openDatabase(t.dataDir);
    fresh = {
      agents: new AgentsRepo(db),
      operations: new OperationsRepo(db),
      servers: new ServersRepo(db),
    } as unknown as ManagerContext;
  });
  afterAll(async () => {
    db.close();
    a.agent.release();
    await a.agent.disconnect();
    await b.agent.disconnect();
    await t.close();
  });

  /** The raw answer's body, gunzipped when it came gzipped. */
  const rawList = (client: ApiClient, path: string, gzip: boolean) =>
    new Promise<Buffer>((resolve, reject) => {
      const headers: Record<string, string> = { cookie: client.cookie ?? '' };
      if (gzip) headers['accept-encoding'] = 'gzip';
      const req = request(`${t.manager.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          if (res.statusCode !== 200) return reject(new Error(`${path}: ${res.statusCode}`));
          resolve(res.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body);
        });
      });
      req.on('error', reject);
      req.end();
    });

  /**
   * Ask for a list while nothing changes (the agent's background checks still write after a
   * create): the answer must then be exactly what a fresh build makes before and after it.
   */
  async function askWhileStill(client: ApiClient, path: string, gzip: boolean, list: ListRequest) {
    for (;;) {
      const before = buildListJson(fresh, list);
      const body = (await rawList(client, path, gzip)).toString();
      if (buildListJson(fresh, list) !== before) continue;
      expect(body, path).toBe(before);
      return true;
    }
  }

  /** Every list variant matches a fresh build; returns the admin's plain list of all servers. */
  async function listsMatchFreshBuilds(): Promise<Map<string, Server>> {
    const clients: [ApiClient, Role][] = [
      [t.admin, 'admin'],
      [viewer, 'viewer'],
    ];
    for (const [client, role] of clients)
      for (const agentId of [undefined, a.agentId, b.agentId])
        for (const shape of [undefined, 'columns'] as const)
          for (const gzip of [false, true])
            for (const ask of ['built', 'kept']) {
              const list: ListRequest = { agentId, shape, role };
              const path = `${agentId ? apiPaths.agentServers(agentId) : apiPaths.servers}${shape ? '?shape=columns' : ''}`;
              expect(await askWhileStill(client, path, gzip, list), `${role} ${path} ${ask}`).toBe(
                true,
              );
            }
    const { servers } = ListServersResponse.parse(
      JSON.parse((await rawList(t.admin, apiPaths.servers, true)).toString()),
    );
    return new Map(servers.map((s) => [s.name, s]));
  }

  it('show each change on the next ask, the same bytes as a fresh build', async () => {
    let list = await listsMatchFreshBuilds();
    expect([...list.keys()]).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
    expect(list.get('alpha')!.status).toBe('running');

    // A status change found by a reconcile.
    await makeMissing(t, a.agent, ids.alpha!);
    list = await listsMatchFreshBuilds();
    expect(list.get('alpha')!.status).toBe('missing');

    // A config edit, masked for the viewer.
    const patch = await t.admin.call('PATCH', apiPaths.agentServer(a.agentId, ids.bravo!), {
      config: { RCON_PASSWORD: 'hunter2', MAX_PLAYERS: '8' },
    });
    expect(patch.status).toBe(200);
    list = await listsMatchFreshBuilds();
    expect(list.get('bravo')!.config).toEqual({ RCON_PASSWORD: 'hunter2', MAX_PLAYERS: '8' });
    const seen = JSON.parse((await rawList(viewer, apiPaths.servers, false)).toString()) as {
      servers: Server[];
    };
    expect(seen.servers.find((s) => s.name === 'bravo')!.config.RCON_PASSWORD).toBe(maskedSecret);

    // An operation starting (its agent holds the command: it stays running).
    a.agent.hold('container.stop');
    const stop = await t.admin.expect(
      202,
      ServerActionResponse,
      'POST',
      apiPaths.serverAction(a.agentId, ids.bravo!, 'stop'),
    );
    await waitFor(() => a.agent.commands('container.stop').length === 1);
    list = await listsMatchFreshBuilds();
    expect(list.get('bravo')!.activeOperation?.id).toBe(stop.operation.id);
    // … and ending.
    a.agent.release();
    await waitForOperation(t, stop.operation.id);
    list = await listsMatchFreshBuilds();
    expect(list.get('bravo')!.activeOperation).toBeNull();
    expect(list.get('bravo')!.status).toBe('stopped');

    // A delete, then a purge (the server leaves the lists).
    const del = await t.admin.expect(
      202,
      ServerActionResponse,
      'DELETE',
      apiPaths.agentServer(b.agentId, ids.charlie!),
    );
    expect((await waitForOperation(t, del.operation.id)).state).toBe('succeeded');
    list = await listsMatchFreshBuilds();
    expect(list.get('charlie')!.deletedAt).not.toBeNull();

    const purge = await t.admin.expect(
      202,
      ServerActionResponse,
      'DELETE',
      `${apiPaths.agentServer(b.agentId, ids.charlie!)}/purge`,
    );
    expect((await waitForOperation(t, purge.operation.id)).state).toBe('succeeded');
    list = await listsMatchFreshBuilds();
    expect(list.has('charlie')).toBe(false);

    // The agent going offline: its servers' agentStatus.
    await b.agent.disconnect();
    await waitFor(async () => (await getServer(t, ids.delta!)).agentStatus === 'offline');
    list = await listsMatchFreshBuilds();
    expect(list.get('delta')!.agentStatus).toBe('offline');

    // Rows written by another connection (an admin's sqlite3 shell, a restore script).
    seedServers(t.dataDir, a.agentId, 3, 30_000);
    list = await listsMatchFreshBuilds();
    expect([...list.keys()]).toEqual(['alpha', 'bravo', 'delta', 'seed-0', 'seed-1', 'seed-2']);
  });
});
