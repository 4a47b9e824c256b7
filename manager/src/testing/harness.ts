import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { z } from 'zod/mini';
import { CreateAgentResponse } from '@contract/http/agents';
import { UserResponse, type Role } from '@contract/http/auth';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse, ServerResponse, type Server } from '@contract/http/servers';
import { OperationResponse, type Operation } from '@contract/http/operations';
import { startManager, type ManagerOptions, type RunningManager } from '../start-manager';
import { ScriptedAgent, type ScriptedAgentOptions } from './scripted-agent';

export const adminEmail = 'admin@test.local';
export const adminPassword = 'admin-password-1';
export const dataPath = '/srv/zomboid';

export interface ApiResult {
  status: number;
  body: unknown;
  headers: Headers;
}

/** A cookie-carrying HTTP client, like a non-browser API user. */
export class ApiClient {
  cookie: string | undefined;
  constructor(readonly baseUrl: string) {}

  /** Send a request; JSON body when `body` is not a string. */
  async call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResult> {
    const init: RequestInit = {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    };
    // After a manager restart the pooled keep-alive socket is dead: retry once on a fresh one.
    const res = await fetch(this.baseUrl + path, init).catch(() =>
      fetch(this.baseUrl + path, init),
    );
    const setCookie = res.headers.get('set-cookie');
    if (setCookie?.startsWith('zedops_session=')) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    return {
      status: res.status,
      body: text ? (JSON.parse(text) as unknown) : undefined,
      headers: res.headers,
    };
  }

  /** Call and parse the body with a contract schema, asserting the status. */
  async expect<S extends z.ZodMiniType>(
    status: number,
    schema: S,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<z.infer<S>> {
    const res = await this.call(method, path, body);
    if (res.status !== status)
      throw new Error(
        `${method} ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`,
      );
    return schema.parse(res.body);
  }

  /** Log in (throws on failure). */
  async login(email: string, password: string): Promise<void> {
    const res = await this.call('POST', '/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login failed ${res.status}`);
  }
}

export interface TestManager {
  manager: RunningManager;
  admin: ApiClient;
  dataDir: string;
  options: ManagerOptions;
  /** Restart on the same database (manager crash/restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Start a manager on a temp SQLite dir, port 0, quiet logs, admin logged in. */
export async function startTestManager(
  overrides: Partial<ManagerOptions> = {},
): Promise<TestManager> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zedops-mgr-'));
  const options: ManagerOptions = {
    dataDir,
    port: 0,
    host: '127.0.0.1',
    adminEmail,
    adminPassword,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    autoRecreateBackoffMs: 50,
    // Off unless a test is about it: tests count the data checks their own steps cause.
    dataWatch: false,
    ...overrides,
  };
  const t: TestManager = {
    manager: await startManager(options),
    admin: undefined as unknown as ApiClient,
    dataDir,
    options,
    async restart() {
      await t.manager.close();
      t.manager = await startManager({ ...options, port: t.manager.port });
      t.admin = new ApiClient(t.manager.url);
      await t.admin.login(adminEmail, adminPassword);
    },
    async close() {
      await t.manager.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  t.admin = new ApiClient(t.manager.url);
  await t.admin.login(adminEmail, adminPassword);
  return t;
}

/** Create an agent through the API and connect a scripted agent with its token. */
export async function connectAgent(
  t: TestManager,
  name = 'host-a',
  options: ScriptedAgentOptions = {},
): Promise<{ agent: ScriptedAgent; agentId: string; token: string }> {
  const created = await t.admin.expect(201, CreateAgentResponse, 'POST', '/api/agents', {
    name,
    serverDataPath: dataPath,
    defaultImage: 'test/zomboid',
  });
  const agent = await ScriptedAgent.connect(t.manager.url, created.registrationToken, options);
  await waitFor(async () => (await getServerAgentStatus(t, created.agent.id)) === 'online');
  return { agent, agentId: created.agent.id, token: created.registrationToken };
}

export interface ManagerWithAgent {
  t: TestManager;
  agent: ScriptedAgent;
  agentId: string;
}

/** A new user of this role (`{role}@test.local`), created by the admin, signed in. */
export async function signedInAs(t: TestManager, role: Role): Promise<ApiClient> {
  const email = `${role}@test.local`;
  const password = 'password-123';
  await t.admin.expect(201, UserResponse, 'POST', apiPaths.users, { email, password, role });
  const client = new ApiClient(t.manager.url);
  await client.login(email, password);
  return client;
}

/**
 * The `afterEach` of tests that open their own manager and agent (their own options, a fleet
 * seeded before the agent connects): closes whichever of them the test got to open.
 */
export const closeOpened =
  (opened: () => { t?: TestManager; agent?: ScriptedAgent }) => async (): Promise<void> => {
    const { t, agent } = opened();
    await agent?.disconnect();
    await t?.close();
  };

/**
 * A manager with one connected scripted agent for the calling `describe`: fresh for each test
 * (`each`) or shared by all of them (`all`), and closed after. `ready` receives it (and may add
 * servers) before the tests run.
 */
export function withManagerAndAgent(
  scope: 'each' | 'all',
  ready: (env: ManagerWithAgent) => void | Promise<void>,
  options: Parameters<typeof startTestManager>[0] = {},
): void {
  let env: ManagerWithAgent | undefined;
  (scope === 'each' ? beforeEach : beforeAll)(async () => {
    const t = await startTestManager(options);
    const { agent, agentId } = await connectAgent(t);
    env = { t, agent, agentId };
    await ready(env);
  });
  (scope === 'each' ? afterEach : afterAll)(async () => {
    await env?.agent.disconnect();
    await env?.t.close();
    env = undefined;
  });
}

async function getServerAgentStatus(t: TestManager, agentId: string): Promise<string | undefined> {
  const res = await t.admin.call('GET', `/api/agents/${agentId}`);
  return (res.body as { agent?: { status?: string } }).agent?.status;
}

/** Poll until the predicate holds (or throw after timeoutMs). */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  timeoutMs = 5000,
  intervalMs = 20,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`waitFor timed out (last value ${JSON.stringify(last)})`);
}

/** GET a server. */
export async function getServer(t: TestManager, serverId: string): Promise<Server> {
  return (await t.admin.expect(200, ServerResponse, 'GET', `/api/servers/${serverId}`)).server;
}

/** GET an operation. */
export async function getOperation(t: TestManager, operationId: string): Promise<Operation> {
  return (await t.admin.expect(200, OperationResponse, 'GET', `/api/operations/${operationId}`))
    .operation;
}

/** Wait until an operation has ended and return it. */
export async function waitForOperation(
  t: TestManager,
  operationId: string,
  timeoutMs = 5000,
): Promise<Operation> {
  return waitFor(async () => {
    const op = await getOperation(t, operationId);
    return op.state !== 'queued' && op.state !== 'running' ? op : undefined;
  }, timeoutMs);
}

/** Create a server and wait until it runs. */
export async function createRunningServer(
  t: TestManager,
  agentId: string,
  name = 'alpha',
): Promise<Server> {
  const res = await t.admin.expect(
    202,
    ServerActionResponse,
    'POST',
    `/api/agents/${agentId}/servers`,
    { name, imageTag: 'latest' },
  );
  const op = await waitForOperation(t, res.operation.id);
  if (op.state !== 'succeeded') throw new Error(`create failed: ${JSON.stringify(op.error)}`);
  return getServer(t, res.server.id);
}

/** Make a running server's container vanish and wait until the manager shows it missing. */
export async function makeMissing(
  t: TestManager,
  agent: ScriptedAgent,
  serverId: string,
): Promise<Server> {
  agent.destroyContainers(serverId);
  return waitFor(async () => {
    const s = await getServer(t, serverId);
    return s.status === 'missing' ? s : undefined;
  });
}
