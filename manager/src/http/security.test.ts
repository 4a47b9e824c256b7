import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { agentSocketPath } from '@contract/agent-protocol';
import { ApiErrorBody } from '@contract/errors';
import { UserResponse } from '@contract/http/auth';
import { ServerActionResponse } from '@contract/http/servers';
import { ScriptedAgent } from '../testing/scripted-agent';
import {
  ApiClient,
  createRunningServer,
  getServer,
  waitFor,
  withManagerAndAgent,
  type TestManager,
} from '../testing/harness';
import { allRoutes } from './route-table';

describe('security', () => {
  let t: TestManager;
  let agentId: string;
  let serverId: string;
  let operationId: string;

  withManagerAndAgent(
    'all',
    async (env) => {
      ({ t, agentId } = env);
      const server = await createRunningServer(t, agentId);
      serverId = server.id;
      operationId =
        (await getServer(t, serverId)).activeOperation?.id ??
        '00000000-0000-0000-0000-000000000000';
      for (const [email, role] of [
        ['viewer@test.local', 'viewer'],
        ['operator@test.local', 'operator'],
      ])
        await t.admin.expect(201, UserResponse, 'POST', '/api/users', {
          email,
          password: 'password-123',
          role,
        });
    },
    { helloTimeoutMs: 500 },
  );

  it('refuses every route except login without a session (401 UNAUTHENTICATED)', async () => {
    const anonymous = new ApiClient(t.manager.url);
    for (const route of allRoutes(agentId, serverId, operationId)) {
      if (route.needs === 'none') continue;
      const res = await anonymous.call(route.method, route.path, route.body);
      expect(res.status, `${route.method} ${route.path}`).toBe(401);
      expect(ApiErrorBody.parse(res.body).error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('a viewer gets 403 on every mutation; an operator on every admin route', async () => {
    const viewer = new ApiClient(t.manager.url);
    await viewer.login('viewer@test.local', 'password-123');
    const operator = new ApiClient(t.manager.url);
    await operator.login('operator@test.local', 'password-123');
    for (const route of allRoutes(agentId, serverId, operationId)) {
      if (route.needs === 'operate' || route.needs === 'admin') {
        const res = await viewer.call(route.method, route.path, route.body);
        expect(res.status, `viewer ${route.method} ${route.path}`).toBe(403);
        expect(ApiErrorBody.parse(res.body).error.code).toBe('FORBIDDEN');
      }
      if (route.needs === 'admin') {
        const res = await operator.call(route.method, route.path, route.body);
        expect(res.status, `operator ${route.method} ${route.path}`).toBe(403);
      }
    }
    expect((await getServer(t, serverId)).status).toBe('running');
    // Reads work for the viewer.
    expect((await viewer.call('GET', '/api/servers')).status).toBe(200);
  });

  it('refuses cross-site mutations (CSRF) but lets a non-browser client with the cookie work', async () => {
    const evil = await t.admin.call('POST', `/api/agents/${agentId}/servers/sync`, undefined, {
      origin: 'https://evil.example',
    });
    expect(evil.status).toBe(403);
    expect(ApiErrorBody.parse(evil.body).error.code).toBe('CSRF_REJECTED');
    const crossSite = await t.admin.call('POST', `/api/agents/${agentId}/servers/sync`, undefined, {
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await t.admin.call(
      'POST',
      `/api/agents/${agentId}/servers/sync`,
      undefined,
      { origin: t.manager.url },
    );
    expect(sameOrigin.status).toBe(200);
    expect((await t.admin.call('POST', `/api/agents/${agentId}/servers/sync`)).status).toBe(200);
  });

  it('sets an HttpOnly SameSite=Lax session cookie; logout ends the session', async () => {
    const client = new ApiClient(t.manager.url);
    const res = await client.call('POST', '/api/auth/login', {
      email: 'viewer@test.local',
      password: 'password-123',
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/zedops_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await client.call('GET', '/api/auth/me')).status).toBe(200);
    const stale = client.cookie;
    expect((await client.call('POST', '/api/auth/logout')).status).toBe(204);
    client.cookie = stale;
    expect((await client.call('GET', '/api/auth/me')).status).toBe(401);
  });

  it('rate-limits login attempts (429 RATE_LIMITED)', async () => {
    const client = new ApiClient(t.manager.url);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (await client.call('POST', '/api/auth/login', { email: 'nobody@x.io', password: 'wrong' }))
          .status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('an agent token cannot act for another agent', async () => {
    const created = (
      await t.admin.call('POST', '/api/agents', { name: 'host-b', serverDataPath: '/srv/b' })
    ).body as {
      agent: { id: string };
      registrationToken: string;
    };
    const other = await ScriptedAgent.connect(t.manager.url, created.registrationToken);
    expect(other.agentId).toBe(created.agent.id);
    // Agent B claims agent A's server vanished, and answers a request it never got.
    other.pushEvent('destroy', { id: 'x', serverId, serverName: 'alpha' });
    other.send({ type: 'reply', id: 'not-a-request', ok: true, result: {} });
    await new Promise((r) => setTimeout(r, 500));
    expect((await getServer(t, serverId)).status).toBe('running');
    expect(other.commands('container.list').length).toBeGreaterThan(0); // B was reconciled, A was not touched
    await other.disconnect();
  });

  it('a socket that never authenticates receives nothing and is closed 4408', async () => {
    const ws = new WebSocket(t.manager.url.replace('http', 'ws') + agentSocketPath);
    const received: string[] = [];
    ws.on('message', (d: WebSocket.RawData) => received.push(d.toString()));
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(4408);
    expect(received).toEqual([]);
  });

  it('an invalid token is rejected and closed 4401', async () => {
    await expect(ScriptedAgent.connect(t.manager.url, 'not-a-valid-token')).rejects.toThrow(
      /INVALID_TOKEN|4401/,
    );
  });

  it('a new authenticated connection replaces the old one (4409)', async () => {
    const created = (await t.admin.call('POST', '/api/agents', { name: 'host-c' })).body as {
      registrationToken: string;
    };
    const first = await ScriptedAgent.connect(t.manager.url, created.registrationToken);
    const second = await ScriptedAgent.connect(t.manager.url, first.credential!);
    await waitFor(() => first.closeCode === 4409);
    await second.disconnect();
  });

  it('streams live events over SSE to a signed-in client', async () => {
    const controller = new AbortController();
    const res = await fetch(`${t.manager.url}/api/events`, {
      headers: { cookie: t.admin.cookie! },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const stop = ServerActionResponse.parse(
      (await t.admin.call('POST', `/api/agents/${agentId}/servers/${serverId}/stop`, {})).body,
    );
    let text = '';
    await waitFor(async () => {
      const chunk = await reader.read();
      text += new TextDecoder().decode(chunk.value);
      return text.includes('event: operation.updated') && text.includes(stop.operation.id);
    });
    controller.abort();
    // The stop ends after its clean-stop data check: the start waits for the slot.
    await waitFor(async () => (await getServer(t, serverId)).activeOperation === null);
    const start = ServerActionResponse.parse(
      (await t.admin.call('POST', `/api/agents/${agentId}/servers/${serverId}/start`, {})).body,
    );
    await waitFor(async () => (await getServer(t, serverId)).activeOperation === null);
    expect(start.operation.kind).toBe('start');
  });
});
