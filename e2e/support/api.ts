import { expect, request, type APIRequestContext } from '@playwright/test';
import {
  CreateAgentResponse,
  ListAgentsResponse,
  ServerActionResponse,
  ServerResponse,
  UserResponse,
  apiPaths,
  type CreateServerRequest,
  type Role,
  type Server,
  type ServerStatus,
} from '@contract/index';
import { managerUrl } from './stack-env';

/** A logged-in API session against the real manager (cookie kept by the request context). */
export async function apiSession(email: string, password: string): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL: managerUrl });
  const res = await ctx.post(apiPaths.login, { data: { email, password } });
  expect(res.status(), await res.text()).toBe(200);
  UserResponse.parse(await res.json());
  return ctx;
}

export async function createUser(
  admin: APIRequestContext,
  email: string,
  password: string,
  role: Role,
): Promise<void> {
  const res = await admin.post(apiPaths.users, { data: { email, password, role } });
  expect([201, 409], await res.text()).toContain(res.status());
}

export async function createAgent(
  admin: APIRequestContext,
  name: string,
  serverDataPath: string,
  defaultImage: string,
) {
  const res = await admin.post(apiPaths.agents, { data: { name, serverDataPath, defaultImage } });
  expect(res.status(), await res.text()).toBe(201);
  return CreateAgentResponse.parse(await res.json());
}

/**
 * The agent's status as the API shows it; undefined while unknown. Polled: a kept-alive connection
 * the manager closed as the poll reused it (ECONNRESET) is one more unknown, asked again, not the
 * spec's failure — it failed a teardown once in CI.
 */
export async function agentStatus(
  api: APIRequestContext,
  agentId: string,
): Promise<string | undefined> {
  const res = await api.get(apiPaths.agents).catch((err: unknown) => {
    if (err instanceof Error && err.message.includes('ECONNRESET')) return undefined;
    throw err;
  });
  if (!res) return undefined;
  return ListAgentsResponse.parse(await res.json()).agents.find((a) => a.id === agentId)?.status;
}

export async function getServer(api: APIRequestContext, serverId: string): Promise<Server> {
  const res = await api.get(apiPaths.server(serverId));
  expect(res.status(), await res.text()).toBe(200);
  return ServerResponse.parse(await res.json()).server;
}

export async function createServer(
  api: APIRequestContext,
  agentId: string,
  body: CreateServerRequest,
) {
  const res = await api.post(apiPaths.agentServers(agentId), { data: body });
  expect(res.status(), await res.text()).toBe(202);
  return ServerActionResponse.parse(await res.json());
}

/** Polls the server until `describe(server)` equals `expected`; returns the last server seen. */
async function pollServer<T>(
  api: APIRequestContext,
  serverId: string,
  describe: (server: Server) => T,
  expected: T,
  timeout: number,
): Promise<Server> {
  let last: Server | undefined;
  await expect
    .poll(
      async () => {
        last = await getServer(api, serverId);
        return describe(last);
      },
      { timeout, intervals: [250, 500, 1000] },
    )
    .toBe(expected);
  return last!;
}

/** Polls until the server has `status` and no active operation (the message names a running one). */
export function waitForStatus(
  api: APIRequestContext,
  serverId: string,
  status: ServerStatus,
  timeout = 60_000,
): Promise<Server> {
  const describe = (s: Server) =>
    s.activeOperation
      ? `${s.status} (${s.activeOperation.kind} ${s.activeOperation.state})`
      : s.status;
  return pollServer<string>(api, serverId, describe, status, timeout);
}

/** Polls until the server has no active operation. */
export function waitForIdle(
  api: APIRequestContext,
  serverId: string,
  timeout = 60_000,
): Promise<Server> {
  return pollServer(api, serverId, (s) => s.activeOperation === null, true, timeout);
}
