import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { AuditResponse } from '@contract/http/audit';
import { apiPaths } from '@contract/http/paths';
import { ListUsersResponse, UserAccountResponse, type UserAccount } from '@contract/http/users';
import { ApiClient, adminEmail, startTestManager, type TestManager } from '../testing/harness';

const password = 'a-good-password-1';

describe('users: admin-only management, sessions ended, last admin kept', () => {
  let t: TestManager;
  let n = 0;

  beforeAll(async () => {
    t = await startTestManager();
  });
  afterAll(() => t.close());

  const code = (res: { body: unknown }) => ApiErrorBody.parse(res.body).error.code;
  const users = async () =>
    (await t.admin.expect(200, ListUsersResponse, 'GET', apiPaths.users)).users;
  const userByEmail = async (email: string) => (await users()).find((u) => u.email === email);
  /** A new user with `sessions` signed-in clients. */
  async function newUser(role: 'admin' | 'operator' | 'viewer', sessions = 1) {
    const email = `user${++n}@test.local`;
    const { user } = await t.admin.expect(201, UserAccountResponse, 'POST', apiPaths.users, {
      email,
      password,
      role,
    });
    const clients = await Promise.all(
      Array.from({ length: sessions }, async () => {
        const client = new ApiClient(t.manager.url);
        await client.login(email, password);
        return client;
      }),
    );
    return { user, clients };
  }
  const signedIn = async (client: ApiClient) => (await client.call('GET', apiPaths.me)).status;
  const patch = (user: UserAccount, body: unknown) =>
    t.admin.call('PATCH', apiPaths.user(user.id), body);

  it('lists every user with role, disabled, createdAt and lastLoginAt', async () => {
    const { user } = await newUser('operator');
    const listed = await userByEmail(user.email);
    expect(listed).toMatchObject({ role: 'operator', disabled: false });
    expect(Date.parse(listed!.createdAt)).not.toBeNaN();
    expect(Date.parse(listed!.lastLoginAt!)).toBeGreaterThanOrEqual(Date.parse(listed!.createdAt));
    expect((await userByEmail(adminEmail))?.role).toBe('admin');
  });

  it('refuses passwords shorter than 12 characters on create and reset', async () => {
    const short = await t.admin.call('POST', apiPaths.users, {
      email: 'short@test.local',
      password: 'elevenchars',
      role: 'viewer',
    });
    expect([short.status, code(short)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await userByEmail('short@test.local')).toBeUndefined();
    const { user } = await newUser('viewer');
    const reset = await t.admin.call('POST', apiPaths.userPassword(user.id), {
      newPassword: 'x'.repeat(11),
    });
    expect([reset.status, code(reset)]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('the same email created five times at once: one 201, four 409 NAME_TAKEN, no 500', async () => {
    const body = { email: 'twice@test.local', password, role: 'viewer' };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.admin.call('POST', apiPaths.users, body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(code(r)).toBe('NAME_TAKEN');
    expect((await users()).filter((u) => u.email === 'twice@test.local')).toHaveLength(1);
  });

  it('disabling ends every session at once and refuses sign-in; enabling allows it again', async () => {
    const { user, clients } = await newUser('operator', 2);
    expect(await Promise.all(clients.map(signedIn))).toEqual([200, 200]);
    const res = await patch(user, { disabled: true });
    expect(UserAccountResponse.parse(res.body).user).toMatchObject({ disabled: true });
    expect(await Promise.all(clients.map(signedIn))).toEqual([401, 401]);
    const again = new ApiClient(t.manager.url);
    const login = await again.call('POST', apiPaths.login, { email: user.email, password });
    expect([login.status, code(login)]).toEqual([401, 'INVALID_CREDENTIALS']);
    await patch(user, { disabled: false });
    await again.login(user.email, password);
    expect(await signedIn(again)).toBe(200);
  });

  it('an open live event stream ends when its user is disabled', async () => {
    const { user, clients } = await newUser('viewer');
    const res = await fetch(`${t.manager.url}${apiPaths.events}`, {
      headers: { cookie: clients[0]!.cookie! },
    });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain(': connected');
    await patch(user, { disabled: true });
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
      rest += new TextDecoder().decode(chunk.value);
    // Ended by the disable itself, not by the next keep-alive's session check.
    expect(rest).not.toContain('keep-alive');
  });

  it('demoting ends every session; promoting keeps them', async () => {
    const promoted = await newUser('viewer');
    expect((await patch(promoted.user, { role: 'operator' })).status).toBe(200);
    expect(await signedIn(promoted.clients[0]!)).toBe(200);
    const demoted = await newUser('operator');
    const res = await patch(demoted.user, { role: 'viewer' });
    expect(UserAccountResponse.parse(res.body).user.role).toBe('viewer');
    expect(await signedIn(demoted.clients[0]!)).toBe(401);
  });

  it('deleting ends every session and removes the user; an unknown id is 404', async () => {
    const { user, clients } = await newUser('viewer');
    expect((await t.admin.call('DELETE', apiPaths.user(user.id))).status).toBe(204);
    expect(await signedIn(clients[0]!)).toBe(401);
    expect(await userByEmail(user.email)).toBeUndefined();
    const again = await t.admin.call('DELETE', apiPaths.user(user.id));
    expect([again.status, code(again)]).toEqual([404, 'NOT_FOUND']);
  });

  it('a password reset ends every session; only the new password signs in', async () => {
    const { user, clients } = await newUser('operator');
    const newPassword = 'reset-by-the-admin';
    const res = await t.admin.call('POST', apiPaths.userPassword(user.id), { newPassword });
    expect(res.status).toBe(204);
    expect(await signedIn(clients[0]!)).toBe(401);
    const client = new ApiClient(t.manager.url);
    expect(
      (await client.call('POST', apiPaths.login, { email: user.email, password })).status,
    ).toBe(401);
    await client.login(user.email, newPassword);
  });

  it('the last active admin cannot be disabled, demoted or deleted (409 LAST_ADMIN), nothing changes', async () => {
    // Other admins exist from earlier tests? Make sure the test admin is the only active one.
    for (const u of await users())
      if (u.role === 'admin' && u.email !== adminEmail) await patch(u, { role: 'operator' });
    const me = (await userByEmail(adminEmail))!;
    for (const res of [
      await patch(me, { disabled: true }),
      await patch(me, { role: 'operator' }),
      await t.admin.call('DELETE', apiPaths.user(me.id)),
    ])
      expect([res.status, code(res)]).toEqual([409, 'LAST_ADMIN']);
    expect(await userByEmail(adminEmail)).toMatchObject({ role: 'admin', disabled: false });
    expect(await signedIn(t.admin)).toBe(200);
    // A disabled admin does not count as one.
    const { user: disabledAdmin } = await newUser('admin');
    await patch(disabledAdmin, { disabled: true });
    const res = await patch(me, { role: 'viewer' });
    expect([res.status, code(res)]).toEqual([409, 'LAST_ADMIN']);
  });

  it('PATCH needs role or disabled; unknown fields and roles are refused', async () => {
    const { user } = await newUser('viewer');
    for (const body of [{}, { role: 'root' }, { disabled: 'yes' }, { email: 'x@y.z' }]) {
      const res = await patch(user, body);
      expect([res.status, code(res)], JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('operators and viewers cannot manage users; audit of accounts and sign-ins is for admins only', async () => {
    const {
      clients: [operator],
    } = await newUser('operator');
    const {
      user: target,
      clients: [viewer],
    } = await newUser('viewer');
    for (const client of [operator!, viewer!]) {
      for (const [method, path, body] of [
        ['GET', apiPaths.users, undefined],
        ['PATCH', apiPaths.user(target.id), { disabled: true }],
        ['DELETE', apiPaths.user(target.id), undefined],
        ['POST', apiPaths.userPassword(target.id), { newPassword: 'another-password' }],
      ] as const) {
        const res = await client.call(method, path, body);
        expect([res.status, code(res)], `${method} ${path}`).toEqual([403, 'FORBIDDEN']);
      }
      const { entries } = AuditResponse.parse(
        (await client.call('GET', '/api/audit?limit=500')).body,
      );
      expect(entries.filter((e) => /^(auth|user)\./.test(e.action))).toEqual([]);
    }
    const { entries } = await t.admin.expect(200, AuditResponse, 'GET', '/api/audit?limit=500');
    const actions = new Set(entries.map((e) => e.action));
    for (const action of [
      'auth.login',
      'user.created',
      'user.updated',
      'user.deleted',
      'user.password_reset',
    ])
      expect(actions, action).toContain(action);
  });
});

describe('last admin under concurrency', () => {
  let t: TestManager;
  beforeAll(async () => {
    t = await startTestManager();
  });
  afterAll(() => t.close());

  it('the last two admins demoted at once: never both, one active admin is left', async () => {
    await t.admin.expect(201, UserAccountResponse, 'POST', apiPaths.users, {
      email: 'second@test.local',
      password,
      role: 'admin',
    });
    const second = new ApiClient(t.manager.url);
    await second.login('second@test.local', password);
    const { users } = await t.admin.expect(200, ListUsersResponse, 'GET', apiPaths.users);
    const idOf = (email: string) => users.find((u) => u.email === email)!.id;
    // Both requests are authenticated before either runs; whichever runs second finds itself
    // the last admin (409), or its session already ended by the first (401). Never two 200s.
    const results = await Promise.all([
      t.admin.call('PATCH', apiPaths.user(idOf('second@test.local')), { role: 'operator' }),
      second.call('PATCH', apiPaths.user(idOf(adminEmail)), { disabled: true }),
      t.admin.call('PATCH', apiPaths.user(idOf(adminEmail)), { role: 'viewer' }),
    ]);
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200))
      expect(['LAST_ADMIN', 'UNAUTHENTICATED']).toContain(ApiErrorBody.parse(r.body).error.code);
    const winner = results[1]!.status === 200 ? second : t.admin;
    const after = await winner.expect(200, ListUsersResponse, 'GET', apiPaths.users);
    expect(after.users.filter((u) => u.role === 'admin' && !u.disabled)).toHaveLength(1);
  });
});
