import { describe, expect, it } from 'vitest';
import { UserResponse } from '@contract/http/auth';
import { apiPaths } from '@contract/http/paths';
import { ServerResponse } from '@contract/http/servers';
import { maskedSecret } from '@contract/secrets';
import { mockDb } from '../db';
import { fixtureIds, fixtureUsers } from '../fixtures';
import { NoBody, send, sendRefused, useMockApi } from '../testing/api';

const { agents, servers } = fixtureIds;

describe('accounts in the mock store (one session, like one browser tab)', () => {
  useMockApi('admin');

  it('disabling the signed-in user signs them out at their next request', async () => {
    const operatorId = fixtureUsers.operator.id;
    // The operator is the one signed in here; the admin disables them from "another browser".
    mockDb.signInAs('operator');
    const before = await send(UserResponse, 'GET', apiPaths.me);
    expect(before.body.user.id).toBe(operatorId);
    mockDb.updateUser(operatorId, { disabled: true }, fixtureUsers.admin.email);
    expect((await sendRefused('GET', apiPaths.me)).error.code).toBe('UNAUTHENTICATED');
  });

  it('changing one’s own password keeps the session and clears the generated-password flag', async () => {
    mockDb.setGeneratedPassword(fixtureUsers.admin.id, true);
    expect((await send(UserResponse, 'GET', apiPaths.me)).body.user.generatedPassword).toBe(true);
    const res = await send(NoBody, 'POST', apiPaths.changePassword, {
      currentPassword: fixtureUsers.admin.password,
      newPassword: 'my-own-admin-password',
    });
    expect(res.status).toBe(204);
    expect((await send(UserResponse, 'GET', apiPaths.me)).body.user.generatedPassword).toBe(false);
  });

  it('a viewer reads every server with its secrets masked; the admin in clear', async () => {
    const read = async () =>
      (await send(ServerResponse, 'GET', apiPaths.server(servers.running))).body.server.config;
    expect((await read()).RCON_PASSWORD).toBe('alpha-rcon-secret');
    mockDb.signInAs('viewer');
    expect(await read()).toMatchObject({ RCON_PASSWORD: maskedSecret, SERVER_NAME: 'alpha' });
  });

  it('rotating an online agent’s token takes it offline until it reconnects', async () => {
    expect(mockDb.agent(agents.local).status).toBe('online');
    const token = mockDb.rotateAgentToken(agents.local, fixtureUsers.admin.email);
    expect(token.registrationToken).toMatch(/^zo_/);
    expect(mockDb.agent(agents.local).status).toBe('offline');
  });
});
