import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentResponse,
  CreateAgentResponse,
  RotateAgentTokenResponse,
} from '@contract/http/agents';
import { ApiErrorBody } from '@contract/errors';
import { AuditResponse } from '@contract/http/audit';
import type { Role } from '@contract/http/auth';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse, ServerResponse } from '@contract/http/servers';
import { ListUsersResponse, UserAccountResponse } from '@contract/http/users';
import { maskedSecret } from '@contract/secrets';
import { mockDb } from '@mocks/db';
import { fixtureIds, fixtureUsers } from '@mocks/fixtures';
import { server as mswServer } from '@mocks/node';
import type { ScriptedAgent } from './testing/scripted-agent';
import {
  ApiClient,
  connectAgent,
  startTestManager,
  waitForOperation,
  type TestManager,
} from './testing/harness';

type Reply = { status: number; body: unknown };
type Call = (method: string, path: string, body?: unknown) => Promise<Reply>;

/**
 * The account rules answer alike from the MSW mocks and the real manager: the same cases run
 * against both, each signed in as the role the case names.
 */
interface AccountDriver {
  as(role: Role): Call;
  /** No session: for sign-in attempts. */
  anonymous: Call;
  user(role: Role): { id: string; email: string; password: string };
  agentId: string;
  /** A server of `agentId` whose config holds RCON_PASSWORD. */
  secretServerId: string;
}

const codeOf = (res: Reply) => [res.status, ApiErrorBody.parse(res.body).error.code];

function accountCases(driver: () => AccountDriver) {
  const d = () => driver();

  it('passwords under 12 characters and duplicate emails are refused', async () => {
    const admin = d().as('admin');
    const short = { email: 'short@x.io', password: 'elevenchars', role: 'viewer' };
    expect(codeOf(await admin('POST', apiPaths.users, short))).toEqual([400, 'VALIDATION_FAILED']);
    const dup = { email: d().user('operator').email, password: 'long-enough-pw', role: 'viewer' };
    expect(codeOf(await admin('POST', apiPaths.users, dup))).toEqual([409, 'NAME_TAKEN']);
    const reset = { newPassword: 'short' };
    expect(
      codeOf(await admin('POST', apiPaths.userPassword(d().user('viewer').id), reset)),
    ).toEqual([400, 'VALIDATION_FAILED']);
    const users = ListUsersResponse.parse((await admin('GET', apiPaths.users)).body).users;
    expect(users.find((u) => u.email === d().user('viewer').email)).toMatchObject({
      role: 'viewer',
      disabled: false,
    });
  });

  it('PATCH needs a field; an unknown user is 404; non-admins get 403', async () => {
    const admin = d().as('admin');
    expect(codeOf(await admin('PATCH', apiPaths.user(d().user('viewer').id), {}))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    expect(codeOf(await admin('DELETE', apiPaths.user('no-such-user')))).toEqual([
      404,
      'NOT_FOUND',
    ]);
    const operator = d().as('operator');
    expect(codeOf(await operator('GET', apiPaths.users))).toEqual([403, 'FORBIDDEN']);
  });

  it('the last active admin cannot be disabled, demoted or deleted', async () => {
    const admin = d().as('admin');
    const me = apiPaths.user(d().user('admin').id);
    expect(codeOf(await admin('PATCH', me, { disabled: true }))).toEqual([409, 'LAST_ADMIN']);
    expect(codeOf(await admin('PATCH', me, { role: 'operator' }))).toEqual([409, 'LAST_ADMIN']);
    expect(codeOf(await admin('DELETE', me))).toEqual([409, 'LAST_ADMIN']);
  });

  it('a disabled user cannot sign in; a reset password replaces the old one', async () => {
    const admin = d().as('admin');
    const operator = d().user('operator');
    const login = (password: string) =>
      d().anonymous('POST', apiPaths.login, { email: operator.email, password });
    expect((await admin('PATCH', apiPaths.user(operator.id), { disabled: true })).status).toBe(200);
    expect(codeOf(await login(operator.password))).toEqual([401, 'INVALID_CREDENTIALS']);
    await d().as('admin')('PATCH', apiPaths.user(operator.id), { disabled: false });
    const newPassword = 'reset-by-the-admin';
    const reset = await d().as('admin')('POST', apiPaths.userPassword(operator.id), {
      newPassword,
    });
    expect(reset.status).toBe(204);
    expect(codeOf(await login(operator.password))).toEqual([401, 'INVALID_CREDENTIALS']);
    expect((await login(newPassword)).status).toBe(200);
    await d().as('admin')('POST', apiPaths.userPassword(operator.id), {
      newPassword: operator.password,
    });
  });

  it('a wrong current password is 400 VALIDATION_FAILED', async () => {
    const res = await d().as('viewer')('POST', apiPaths.changePassword, {
      currentPassword: 'not-it-at-all',
      newPassword: 'a-new-password-1',
    });
    expect(codeOf(res)).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('sign-ins and account changes are in the audit for admins only', async () => {
    const isAccount = (action: string) => /^(auth|user)\./.test(action);
    const viewerAudit = AuditResponse.parse(
      (await d().as('viewer')('GET', '/api/audit?limit=500')).body,
    );
    expect(viewerAudit.entries.filter((e) => isAccount(e.action))).toEqual([]);
    const adminAudit = AuditResponse.parse(
      (await d().as('admin')('GET', '/api/audit?limit=500')).body,
    );
    expect(adminAudit.entries.some((e) => e.action === 'user.password_reset')).toBe(true);
  });

  it('viewers read ******** for RCON_PASSWORD; operators the value', async () => {
    const read = async (role: Role) =>
      ServerResponse.parse((await d().as(role)('GET', apiPaths.server(d().secretServerId))).body)
        .server.config.RCON_PASSWORD;
    expect(await read('viewer')).toBe(maskedSecret);
    expect(await read('operator')).not.toBe(maskedSecret);
  });

  it('agents: a taken name, a root still in use, servers left: refused; an empty one goes; rotation answers a token', async () => {
    const admin = d().as('admin');
    const agentPath = apiPaths.agent(d().agentId);
    const other = CreateAgentResponse.parse(
      (await admin('POST', apiPaths.agents, { name: 'spare-host', serverDataPath: '/srv/spare' }))
        .body,
    ).agent;
    expect(codeOf(await admin('PATCH', agentPath, { name: 'spare-host' }))).toEqual([
      409,
      'NAME_TAKEN',
    ]);
    const roots = AgentResponse.parse(
      (await admin('PATCH', agentPath, { allowedRoots: ['/mnt/extra'] })).body,
    ).agent.allowedRoots;
    expect(roots).toContain('/mnt/extra');
    const created = await admin('POST', apiPaths.agentServers(d().agentId), {
      name: 'outside',
      imageTag: 'latest',
      serverDataPath: '/mnt/extra',
    });
    expect(created.status).toBe(202);
    await waitForEnd(admin, ServerActionResponse.parse(created.body).operation.id);
    expect(codeOf(await admin('PATCH', agentPath, { allowedRoots: [] }))).toEqual([
      400,
      'DATA_PATH_NOT_ALLOWED',
    ]);
    expect(codeOf(await admin('DELETE', agentPath))).toEqual([409, 'AGENT_HAS_SERVERS']);
    expect(
      RotateAgentTokenResponse.parse((await admin('POST', apiPaths.agentToken(other.id))).body),
    ).toMatchObject({ registrationToken: expect.any(String) });
    expect((await admin('DELETE', apiPaths.agent(other.id))).status).toBe(204);
    expect(codeOf(await admin('GET', apiPaths.agent(other.id)))).toEqual([404, 'NOT_FOUND']);
    expect(codeOf(await d().as('operator')('POST', apiPaths.agentToken(d().agentId)))).toEqual([
      403,
      'FORBIDDEN',
    ]);
  });
}

async function waitForEnd(call: Call, operationId: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const op = (await call('GET', apiPaths.operation(operationId))).body as {
      operation: { state: string };
    };
    if (!['queued', 'running'].includes(op.operation.state)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`operation ${operationId} did not end`);
}

async function fetchJson(method: string, path: string, body?: unknown): Promise<Reply> {
  const res = await fetch(`http://localhost${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('account parity: MSW mock handlers', () => {
  beforeAll(() => {
    mswServer.listen({ onUnhandledRequest: 'error' });
    mockDb.reset();
    mockDb.setOperationDelayMs(5);
  });
  afterAll(() => mswServer.close());
  accountCases(() => ({
    as: (role) => (method, path, body) => {
      mockDb.signInAs(role);
      return fetchJson(method, path, body);
    },
    anonymous: (method, path, body) => {
      mockDb.signOut();
      return fetchJson(method, path, body);
    },
    user: (role) => fixtureUsers[role],
    agentId: fixtureIds.agents.local,
    secretServerId: fixtureIds.servers.running,
  }));
});

describe('account parity: real manager + scripted agent', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let driver: AccountDriver;
  const clients = new Map<Role, ApiClient>();
  const users = new Map<Role, { id: string; email: string; password: string }>();

  beforeAll(async () => {
    t = await startTestManager();
    const connected = await connectAgent(t);
    agent = connected.agent;
    const created = ServerActionResponse.parse(
      (
        await t.admin.call('POST', apiPaths.agentServers(connected.agentId), {
          name: 'alpha',
          imageTag: 'latest',
          config: { RCON_PASSWORD: 'alpha-rcon-secret' },
        })
      ).body,
    );
    await waitForOperation(t, created.operation.id);
    const me = (await t.admin.expect(200, ListUsersResponse, 'GET', apiPaths.users)).users[0]!;
    users.set('admin', { id: me.id, email: me.email, password: 'admin-password-1' });
    clients.set('admin', t.admin);
    for (const role of ['operator', 'viewer'] as const) {
      const email = `${role}@zedops.local`;
      const password = `${role}-password`;
      const { user } = await t.admin.expect(201, UserAccountResponse, 'POST', apiPaths.users, {
        email,
        password,
        role,
      });
      users.set(role, { id: user.id, email, password });
    }
    driver = {
      // A fresh sign-in per call: a case may have ended this role's sessions.
      as: (role) => async (method, path, body) => {
        let client = clients.get(role);
        if (!client || (await client.call('GET', apiPaths.me)).status === 401) {
          client = new ApiClient(t.manager.url);
          await client.login(users.get(role)!.email, users.get(role)!.password);
          clients.set(role, client);
        }
        return client.call(method, path, body);
      },
      anonymous: (method, path, body) => new ApiClient(t.manager.url).call(method, path, body),
      user: (role) => users.get(role)!,
      agentId: connected.agentId,
      secretServerId: created.server.id,
    };
  });
  afterAll(async () => {
    await agent.disconnect();
    await t.close();
  });
  accountCases(() => driver);
});
