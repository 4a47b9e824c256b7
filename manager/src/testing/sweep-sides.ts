import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ApiErrorBody } from '@contract/errors';
import { ServerActionResponse, type ServerStatus } from '@contract/http/servers';
import { OperationResponse } from '@contract/http/operations';
import { apiPaths } from '@contract/http/paths';
import type { LifecycleAction } from '@contract/lifecycle';
import { mockDb } from '@mocks/db';
import { defaultWorld, ScriptedAgent } from './scripted-agent';
import { connectAgent, dataPath, waitFor, type TestManager } from './harness';

/**
 * The data a cell's server has: on the host, and what the manager last learnt of it. `diverged`:
 * present, but shrunk from its last healthy fingerprint.
 */
export type DataState = 'present' | 'absent' | 'unknown' | 'diverged';

/** The host holds a world (`unknown`: it holds none, and the manager has not looked yet). */
const hasWorld = (data: DataState) => data === 'present' || data === 'diverged';

/** The healthy fingerprint of a `diverged` cell, and the world its host shows. */
export const sweepHealthyWorld = {
  fileCount: 500,
  totalBytes: 9_000_000,
  hasSaves: true,
  takenAt: '2026-11-01T00:00:00.000Z',
};
export const sweepDivergedWorld = {
  fileCount: 3,
  totalBytes: 900,
  hasSaves: false,
  takenAt: '2026-11-01T00:00:00.000Z',
};
/** The statuses a sweep cell can be set up in (`creating` always holds its create operation). */
export type SweepStatus = Exclude<ServerStatus, 'creating'>;

export interface CellSetup {
  name: string;
  status: SweepStatus;
  /** The container differs from the stored config (running and stopped only). */
  drifted: boolean;
  data: DataState;
}

/** The drift a hand-made container shows: the game port published elsewhere. */
const portDrift = { field: 'ports', expected: '16261:16261/udp', actual: '17000:16261/udp' };

export interface ActionAnswer {
  http: number;
  code?: string;
  queued?: boolean;
  operationId?: string;
  /** Server status right after a refusal or a queued answer (`gone` once purged). */
  statusAfter?: string;
}

/** One implementation of the HTTP API with knobs to put servers into a state. */
export interface SweepSide {
  agentId: string;
  /** Create one server per cell in its status and data state (agent online). */
  setup(cells: CellSetup[]): Promise<Map<string, string>>;
  setOnline(online: boolean): Promise<void>;
  /** Forget what is known of a server's data (never checked), agent offline. */
  forgetData(serverIds: string[]): void;
  act(serverId: string, action: LifecycleAction): Promise<ActionAnswer>;
  /** POST …/recover with this body: the status code and the parsed body. */
  recover(body: unknown): Promise<{ http: number; body: unknown }>;
  /** Wait for an operation to end: its state and error code. */
  settle(operationId: string): Promise<{ state: string; code?: string }>;
  status(serverId: string): Promise<string>;
  /** The server reports drift (false once purged). */
  drifted(serverId: string): Promise<boolean>;
  close(): Promise<void>;
}

type Call = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: unknown }>;

/** The HTTP half shared by both sides: lifecycle requests and reads through the contract. */
function httpPart(call: Call, agentId: string, rollbackTargets: Map<string, string>) {
  const status = async (serverId: string): Promise<string> => {
    const res = await call('GET', apiPaths.server(serverId));
    if (res.status === 404) return 'gone';
    return (res.body as { server: { status: ServerStatus } }).server.status;
  };
  const drifted = async (serverId: string): Promise<boolean> => {
    const res = await call('GET', apiPaths.server(serverId));
    if (res.status === 404) return false;
    return (res.body as { server: { drift: unknown[] } }).server.drift.length > 0;
  };
  const request = (serverId: string, action: LifecycleAction) => {
    if (action === 'delete') return call('DELETE', apiPaths.agentServer(agentId, serverId));
    if (action === 'purge') return call('DELETE', apiPaths.purge(agentId, serverId, false));
    if (action === 'snapshot') return call('POST', apiPaths.takeSnapshot(agentId, serverId), {});
    if (action === 'rollback')
      return call('POST', apiPaths.rollback(agentId, serverId), {
        snapshotId: rollbackTargets.get(serverId),
      });
    return call('POST', apiPaths.serverAction(agentId, serverId, action), {});
  };
  const settle = (operationId: string) =>
    waitFor(async () => {
      const op = OperationResponse.parse(
        (await call('GET', apiPaths.operation(operationId))).body,
      ).operation;
      if (op.state === 'queued' || op.state === 'running') return undefined;
      return { state: op.state, ...(op.error ? { code: op.error.code } : {}) };
    }, 10_000);
  return {
    status,
    drifted,
    settle,
    async recover(body: unknown) {
      const res = await call('POST', apiPaths.recover(agentId), body);
      return { http: res.status, body: res.body };
    },
    async act(serverId: string, action: LifecycleAction): Promise<ActionAnswer> {
      const res = await request(serverId, action);
      if (res.status === 202) {
        const reply = ServerActionResponse.parse(res.body);
        // A running operation may already have moved the status on: only a queued one pins it.
        return {
          http: 202,
          queued: reply.queued === true,
          operationId: reply.operation.id,
          ...(reply.queued ? { statusAfter: await status(serverId) } : {}),
        };
      }
      return {
        http: res.status,
        code: ApiErrorBody.parse(res.body).error.code,
        statusAfter: await status(serverId),
      };
    },
    async create(name: string): Promise<{ serverId: string; operationId: string }> {
      const res = await call('POST', apiPaths.agentServers(agentId), { name, imageTag: 'latest' });
      if (res.status !== 202)
        throw new Error(`create ${name}: ${res.status} ${JSON.stringify(res.body)}`);
      const reply = ServerActionResponse.parse(res.body);
      return { serverId: reply.server.id, operationId: reply.operation.id };
    },
    async run(serverId: string, action: LifecycleAction): Promise<void> {
      const res = await request(serverId, action);
      const reply = ServerActionResponse.parse(res.body);
      const end = await settle(reply.operation.id);
      if (end.state !== 'succeeded') throw new Error(`setup ${action} ended ${end.state}`);
    },
  };
}

/** The MSW mocks (in-memory store), signed in as admin. */
export function mockSide(agentId: string): SweepSide {
  const call: Call = async (method, path, body) => {
    const res = await fetch(`http://localhost${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const targets = new Map<string, string>();
  const http = httpPart(call, agentId, targets);
  return {
    agentId,
    ...http,
    async setup(cells) {
      const ids = new Map<string, string>();
      for (const cell of cells) {
        const created = await http.create(cell.name);
        if (cell.status === 'failed')
          mockDb.failNextOperation(created.serverId, { code: 'IMAGE_PULL_FAILED', message: 'x' });
        await http.settle(created.operationId);
        if (cell.status === 'stopped') await http.run(created.serverId, 'stop');
        if (cell.status === 'missing') mockDb.removeContainer(created.serverId);
        if (cell.status === 'deleted') await http.run(created.serverId, 'delete');
        if (cell.drifted) mockDb.setDrift(created.serverId, [portDrift]);
        mockDb.setDataExists(created.serverId, true);
        targets.set(created.serverId, mockDb.seedSnapshot(created.serverId).id);
        mockDb.setDataExists(created.serverId, hasWorld(cell.data));
        if (cell.data === 'diverged') {
          mockDb.setWorld(created.serverId, sweepDivergedWorld);
          mockDb.setHealthyFingerprint(created.serverId, sweepHealthyWorld);
        }
        ids.set(cell.name, created.serverId);
      }
      return ids;
    },
    async setOnline(online) {
      mockDb.setAgentStatus(agentId, online ? 'online' : 'offline');
    },
    forgetData(serverIds) {
      for (const id of serverIds) mockDb.setDataExists(id, null);
    },
    async close() {},
  };
}

/** The real manager (SQLite, HTTP, WebSocket) with a scripted agent over a fake host. */
export async function managerSide(t: TestManager): Promise<SweepSide> {
  let { agent } = await connectAgent(t);
  const agentId = agent.agentId!;
  const call: Call = (method, path, body) => t.admin.call(method, path, body);
  const targets = new Map<string, string>();
  const http = httpPart(call, agentId, targets);
  const names = new Map<string, string>();
  return {
    agentId,
    ...http,
    async setup(cells) {
      const ids = new Map<string, string>();
      for (const cell of cells) {
        if (cell.status === 'failed')
          agent.failures['container.create'] = { code: 'IMAGE_PULL_FAILED', message: 'x' };
        const created = await http.create(cell.name);
        await http.settle(created.operationId);
        delete agent.failures['container.create'];
        if (cell.status === 'stopped') await http.run(created.serverId, 'stop');
        if (cell.status === 'missing') {
          agent.destroyContainers(created.serverId);
          await waitFor(async () => (await http.status(created.serverId)) === 'missing');
        }
        if (cell.status === 'deleted') await http.run(created.serverId, 'delete');
        if (cell.drifted) {
          const [c] = agent.host.containersOf(created.serverId);
          const bound = c!.ports!.map((p, i) => (i === 0 ? { ...p, hostPort: 17000 } : p));
          agent.host.alterContainer(c!.id, { ports: bound });
        }
        const dir = `${dataPath}/${cell.name}`;
        const target = randomUUID();
        agent.host.snapshots.set(target, {
          dir,
          serverId: created.serverId,
          world: { ...defaultWorld, takenAt: new Date().toISOString() },
        });
        targets.set(created.serverId, target);
        if (hasWorld(cell.data)) agent.host.dataDirs.add(dir);
        else agent.host.dataDirs.delete(dir);
        if (cell.data === 'diverged') agent.host.worlds.set(dir, sweepDivergedWorld);
        ids.set(cell.name, created.serverId);
        names.set(created.serverId, cell.name);
      }
      // One reconcile records every data check and drift, as the manager knows them before the actions.
      await call('POST', apiPaths.sync(agentId));
      const db = new Database(join(t.dataDir, 'zedops.db'));
      const seed = db.prepare(
        `INSERT INTO snapshots (id, server_id, agent_id, server_name, reason, status, verified,
           size_bytes, file_count, total_bytes, requested_by, created_at)
         VALUES (?, ?, ?, ?, 'manual', 'ready', 1, 1000, 41, 400036, 'system', ?)`,
      );
      const healthy = db.prepare('UPDATE servers SET healthy_fingerprint = ? WHERE id = ?');
      for (const cell of cells) {
        const serverId = ids.get(cell.name)!;
        seed.run(targets.get(serverId), serverId, agentId, cell.name, new Date().toISOString());
        if (cell.data === 'diverged') healthy.run(JSON.stringify(sweepHealthyWorld), serverId);
      }
      db.close();
      return ids;
    },
    async setOnline(online) {
      if (!online) {
        await agent.disconnect();
        await waitFor(async () => {
          const res = await call('GET', apiPaths.agent(agentId));
          return (res.body as { agent: { status: string } }).agent.status === 'offline';
        });
        return;
      }
      agent = await ScriptedAgent.connect(t.manager.url, agent.credential!, { host: agent.host });
    },
    forgetData(serverIds) {
      const db = new Database(join(t.dataDir, 'zedops.db'));
      const forget = db.prepare(
        'UPDATE servers SET data_exists = NULL, data_checked_at = NULL WHERE id = ?',
      );
      for (const id of serverIds) forget.run(id);
      db.close();
    },
    async close() {
      await agent.disconnect();
    },
  };
}
