import { describe, expect, it } from 'vitest';
import { CreateAgentResponse, ListAgentsResponse } from '@contract/http/agents';
import { AuditResponse } from '@contract/http/audit';
import { UserResponse } from '@contract/http/auth';
import { OperationResponse } from '@contract/http/operations';
import { apiPaths } from '@contract/http/paths';
import { ListUsersResponse } from '@contract/http/users';
import { mockDb } from '../db';
import { fixtureIds } from '../fixtures';
import { send, sendRefused, useMockApi } from '../testing/api';

const { agents, servers } = fixtureIds;

describe('agents, users, audit, operations', () => {
  useMockApi('admin');

  it('lists the fixture agents: one online, one offline', async () => {
    const { body } = await send(ListAgentsResponse, 'GET', apiPaths.agents);
    expect(body.agents.map((a) => [a.id, a.name, a.status])).toEqual([
      [agents.local, 'local-host', 'online'],
      [agents.remote, 'remote-host', 'offline'],
    ]);
  });

  it('creates a pending agent with a registration token', async () => {
    const { status, body } = await send(CreateAgentResponse, 'POST', apiPaths.agents, {
      name: 'third-host',
      serverDataPath: '/srv/pz',
    });
    expect(status).toBe(201);
    expect(body.agent).toMatchObject({
      status: 'pending',
      serverDataPath: '/srv/pz',
      lastSeenAt: null,
    });
    expect(body.registrationToken).not.toBe('');
  });

  it('lists and creates users; refuses a duplicate email', async () => {
    expect((await send(ListUsersResponse, 'GET', apiPaths.users)).body.users).toHaveLength(3);
    const created = await send(UserResponse, 'POST', apiPaths.users, {
      email: 'New@Zedops.local',
      password: 'long-enough-pw',
      role: 'viewer',
    });
    expect([created.status, created.body.user.email]).toEqual([201, 'new@zedops.local']);
    const dup = await sendRefused('POST', apiPaths.users, {
      email: 'new@zedops.local',
      password: 'long-enough-pw',
      role: 'viewer',
    });
    expect(dup.status).toBe(409);
  });

  it('returns audit entries of a server, newest first', async () => {
    const { body } = await send(AuditResponse, 'GET', apiPaths.audit(servers.failed));
    expect(body.entries.length).toBeGreaterThanOrEqual(2);
    expect(body.entries.every((e) => e.serverId === servers.failed)).toBe(true);
    const times = body.entries.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(body.entries[0]).toMatchObject({ action: 'server.recreated', outcome: 'failed' });
  });

  it('returns a past operation, including the failed one with IMAGE_PULL_FAILED', async () => {
    const last = mockDb.operations(servers.failed)[0]!;
    const { body } = await send(OperationResponse, 'GET', apiPaths.operation(last.id));
    expect(body.operation).toMatchObject({
      serverId: servers.failed,
      state: 'failed',
      error: { code: 'IMAGE_PULL_FAILED' },
    });
  });
});
