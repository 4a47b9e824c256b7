import { describe, expect, it } from 'vitest';
import { UserResponse } from '@contract/http/auth';
import { apiPaths } from '@contract/http/paths';
import { mockDb } from '../db';
import { fixtureIds, fixtureUsers } from '../fixtures';
import { NoBody, send, sendRefused, useMockApi } from '../testing/api';

const { agents, servers } = fixtureIds;

describe('auth and roles', () => {
  useMockApi(null);

  it('logs in with the fixture credentials and reports the user on /me', async () => {
    const login = await send(UserResponse, 'POST', apiPaths.login, {
      email: fixtureUsers.admin.email,
      password: fixtureUsers.admin.password,
    });
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual({
      id: 'user-admin',
      email: 'admin@zedops.local',
      role: 'admin',
      generatedPassword: false,
    });
    const me = await send(UserResponse, 'GET', apiPaths.me);
    expect(me.body.user.role).toBe('admin');
  });

  it('refuses a wrong password with 401 INVALID_CREDENTIALS', async () => {
    const { status, error } = await sendRefused('POST', apiPaths.login, {
      email: fixtureUsers.admin.email,
      password: 'nope',
    });
    expect(status).toBe(401);
    expect(error.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers /me with 401 UNAUTHENTICATED without a session, and after logout', async () => {
    expect((await sendRefused('GET', apiPaths.me)).error.code).toBe('UNAUTHENTICATED');
    mockDb.signInAs('viewer');
    expect((await send(NoBody, 'POST', apiPaths.logout)).status).toBe(204);
    const { status, error } = await sendRefused('GET', apiPaths.me);
    expect([status, error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it.each([
    ['GET', apiPaths.servers],
    ['GET', apiPaths.agents],
    ['GET', apiPaths.server(servers.running)],
    ['GET', apiPaths.audit()],
    ['POST', apiPaths.serverAction(agents.local, servers.missing, 'recreate')],
    ['DELETE', apiPaths.operation('op-1')],
  ])('refuses %s %s without a session (401)', async (method, path) => {
    const { status, error } = await sendRefused(method, path);
    expect([status, error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it.each([
    ['POST', apiPaths.serverAction(agents.local, servers.missing, 'recreate')],
    ['POST', apiPaths.serverAction(agents.local, servers.running, 'stop')],
    ['DELETE', apiPaths.agentServer(agents.local, servers.running)],
    ['PATCH', apiPaths.agentServer(agents.local, servers.running)],
    ['POST', apiPaths.agentServers(agents.local)],
  ])('refuses a viewer on %s %s (403) and changes nothing', async (method, path) => {
    mockDb.signInAs('viewer');
    const before = mockDb.servers();
    const { status, error } = await sendRefused(method, path, {});
    expect([status, error.code]).toEqual([403, 'FORBIDDEN']);
    expect(mockDb.servers()).toEqual(before);
  });

  it.each([
    ['DELETE', apiPaths.purge(agents.local, servers.deleted, false)],
    ['POST', apiPaths.agents],
    ['GET', apiPaths.users],
    ['POST', apiPaths.users],
  ])('refuses an operator on admin-only %s %s (403)', async (method, path) => {
    mockDb.signInAs('operator');
    const { status, error } = await sendRefused(method, path, {});
    expect([status, error.code]).toEqual([403, 'FORBIDDEN']);
  });
});
