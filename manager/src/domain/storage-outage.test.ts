import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { AgentResponse, CreateAgentResponse } from '@contract/http/agents';
import { AuditResponse } from '@contract/http/audit';
import { UserResponse } from '@contract/http/auth';
import { ListServersResponse, ServerActionResponse, type Server } from '@contract/http/servers';
import { AuditRepo } from '../db/audit-repo';
import type { Db } from '../db/connection';
import { ScriptedAgent } from '../testing/scripted-agent';
import {
  ApiClient,
  adminEmail,
  adminPassword,
  connectAgent,
  createRunningServer,
  getOperation,
  getServer,
  startTestManager,
  waitFor,
  type TestManager,
} from '../testing/harness';
import { StorageUnavailableError } from './errors';

/**
 * A database that refuses writes must not take the manager down: requests get 503
 * STORAGE_UNAVAILABLE, agent frames and background work are caught, reads keep working, and
 * everything converges by itself once the database takes writes again.
 */
describe('storage outages', () => {
  let t: TestManager;
  let managerDb: Db;
  let agent: ScriptedAgent;
  let agentId: string;
  let server: Server;
  const escaped: unknown[] = [];
  const recordEscape = (err: unknown) => escaped.push(err);

  beforeAll(() => {
    process.on('uncaughtException', recordEscape);
    process.on('unhandledRejection', recordEscape);
  });
  afterAll(() => {
    process.off('uncaughtException', recordEscape);
    process.off('unhandledRejection', recordEscape);
  });
  beforeEach(async () => {
    escaped.length = 0;
    t = await startTestManager({ onDatabaseOpen: (db) => (managerDb = db), storageRetryMs: 50 });
    ({ agent, agentId } = await connectAgent(t));
    server = await createRunningServer(t, agentId);
  });
  afterEach(async () => {
    await agent.disconnect();
    await t.close();
  });

  const expect503 = (res: { status: number; body: unknown }) => {
    expect(res.status).toBe(503);
    const body = ApiErrorBody.parse(res.body);
    expect(body.error.code).toBe('STORAGE_UNAVAILABLE');
    expect(body.error.message).toMatch(/database is unavailable/);
  };
  const agentView = async () =>
    (await t.admin.expect(200, AgentResponse, 'GET', `/api/agents/${agentId}`)).agent;

  it('another process holding the write lock: 503s, agent frames and background work survive, all recovers', async () => {
    const second = await t.admin.expect(201, CreateAgentResponse, 'POST', '/api/agents', {
      name: 'host-b',
    });
    agent.hold('container.stop');
    const stop = await t.admin.expect(
      202,
      ServerActionResponse,
      'POST',
      `/api/agents/${agentId}/servers/${server.id}/stop`,
      {},
    );
    await waitFor(() => agent.commands('container.stop').length === 1);

    const lock = new Database(join(t.dataDir, 'zedops.db'));
    lock.exec('BEGIN EXCLUSIVE');
    try {
      // Requests that write answer 503 at once (the busy timeout is 50 ms, not 5 s).
      expect503(
        await t.admin.call('POST', `/api/agents/${agentId}/servers`, {
          name: 'bravo',
          imageTag: 'latest',
        }),
      );
      expect503(
        await new ApiClient(t.manager.url).call('POST', '/api/auth/login', {
          email: adminEmail,
          password: adminPassword,
        }),
      );
      // Agent frames that write: heartbeat, Docker status change, container event, a reply, a hello.
      agent.send({ type: 'heartbeat', at: new Date().toISOString(), docker: { available: true } });
      const listsBefore = agent.commands('data.check').length;
      agent.pushEvent('die', { id: server.containerId!, serverId: server.id, serverName: 'alpha' });
      // alpha's own event waits for its stop to end before it reconciles; a container of a server
      // this manager does not know asks for a reconcile at once.
      const stray = { id: 'stray-container', serverId: randomUUID(), serverName: 'stray' };
      agent.pushEvent('die', stray);
      await waitFor(() => agent.commands('data.check').length > listsBefore); // reconcile tried
      agent.release(); // the stop reply arrives; recording its outcome fails for now
      await expect(ScriptedAgent.connect(t.manager.url, second.registrationToken)).rejects.toThrow(
        /1013/,
      );
      agent.send({
        type: 'docker.status',
        docker: { available: false, reason: 'docker.sock is gone' },
      });
      // Reads keep working and show the state before the outage.
      await t.admin.expect(200, UserResponse, 'GET', '/api/auth/me');
      await t.admin.expect(200, ListServersResponse, 'GET', '/api/servers');
      await waitFor(() => managerDb.inTransaction === false);
      expect((await getOperation(t, stop.operation.id)).state).toBe('running');
      expect((await agentView()).status).toBe('online');
      expect(escaped).toEqual([]);
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }

    // Storage is back: kept writes land and reconcile converges, with nobody asking.
    await waitFor(async () => (await getOperation(t, stop.operation.id)).state === 'succeeded');
    await waitFor(async () => (await agentView()).statusReason?.includes('docker.sock is gone'));
    agent.send({ type: 'docker.status', docker: { available: true } });
    await waitFor(async () => (await agentView()).status === 'online');
    await waitFor(async () => (await getServer(t, server.id)).status === 'stopped');
    const retried = await ScriptedAgent.connect(t.manager.url, second.registrationToken);
    expect(retried.credential).toBeDefined();
    await retried.disconnect();
    await t.admin.expect(202, ServerActionResponse, 'POST', `/api/agents/${agentId}/servers`, {
      name: 'bravo',
      imageTag: 'latest',
    });
    expect(escaped).toEqual([]);
  });

  it('a full disk: 503s, a started operation still ends, the manager stays up and recovers', async () => {
    agent.hold('container.stop');
    const stop = await t.admin.expect(
      202,
      ServerActionResponse,
      'POST',
      `/api/agents/${agentId}/servers/${server.id}/stop`,
      {},
    );
    await waitFor(() => agent.commands('container.stop').length === 1);
    // No page may be added: the database file is as full as the disk under it.
    managerDb.pragma(
      `max_page_count = ${managerDb.pragma('page_count', { simple: true }) as number}`,
    );
    // Use up the free room of the audit log too, so each audit line needs a new page.
    const audit = new AuditRepo(managerDb);
    for (let i = 0; i < 10_000; i++) {
      try {
        audit.record({ actor: 'filler', action: 'agent.synced', outcome: 'succeeded' });
      } catch (err) {
        expect(err).toBeInstanceOf(StorageUnavailableError);
        break;
      }
    }
    const full = await t.admin.call('POST', `/api/agents/${agentId}/servers`, {
      name: 'bravo',
      imageTag: 'latest',
      config: { MOTD: 'x'.repeat(4000), NOTE: 'y'.repeat(4000) },
    });
    expect503(full);
    expect(ApiErrorBody.parse(full.body).error.message).toMatch(/full/);
    agent.release(); // the outcome's audit line cannot be written
    agent.send({ type: 'heartbeat', at: new Date().toISOString(), docker: { available: true } });
    await waitFor(async () => (await getOperation(t, stop.operation.id)).state !== 'running');
    await t.admin.expect(200, ListServersResponse, 'GET', '/api/servers');
    expect(escaped).toEqual([]);

    managerDb.pragma('max_page_count = 1073741823');
    await waitFor(async () => (await getServer(t, server.id)).status === 'stopped');
    // The outcome's audit line was kept, not lost.
    await waitFor(async () => {
      const { entries } = await t.admin.expect(
        200,
        AuditResponse,
        'GET',
        `/api/audit?serverId=${server.id}`,
      );
      return entries.some((e) => e.operationId === stop.operation.id && e.outcome === 'succeeded');
    });
    await t.admin.expect(202, ServerActionResponse, 'POST', `/api/agents/${agentId}/servers`, {
      name: 'bravo',
      imageTag: 'latest',
      config: { MOTD: 'x'.repeat(4000), NOTE: 'y'.repeat(4000) },
    });
    expect(escaped).toEqual([]);
  });
});
