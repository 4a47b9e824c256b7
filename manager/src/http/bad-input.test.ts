import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { agentHelloMaxBytes } from '@contract/agent-protocol';
import { ApiErrorBody } from '@contract/errors';
import { ServerActionResponse } from '@contract/http/servers';
import { RawAgentSocket } from '../testing/raw-agent-socket';
import type { ScriptedAgent } from '../testing/scripted-agent';
import {
  createRunningServer,
  waitForOperation,
  withManagerAndAgent,
  type TestManager,
} from '../testing/harness';

/** Bad input must always be a 4xx with a contract error code — never a 5xx. */
describe('bad input on every endpoint', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  let serverId: string;

  withManagerAndAgent('all', async (env) => {
    ({ t, agent, agentId } = env);
    serverId = (await createRunningServer(t, agentId)).id;
  });

  async function expect4xx(method: string, path: string, body?: unknown, code?: string) {
    const res = await t.admin.call(method, path, body);
    expect(
      res.status,
      `${method} ${path} ${typeof body === 'string' ? body.slice(0, 60) : JSON.stringify(body)?.slice(0, 80)}`,
    ).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const parsed = ApiErrorBody.parse(res.body);
    if (code) expect(parsed.error.code).toBe(code);
    return parsed;
  }

  const servers = () => `/api/agents/${agentId}/servers`;
  const validCreate = { name: 'bravo', imageTag: 'latest' };

  it('create server: wrong types, unknown fields, bad names, traversal in data paths, bad ports', async () => {
    const cases: unknown[] = [
      { ...validCreate, name: 42 },
      { ...validCreate, imageTag: ['x'] },
      { ...validCreate, extra: true },
      { ...validCreate, name: '../etc' },
      { ...validCreate, name: 'UPPER' },
      { ...validCreate, name: 'a' },
      { ...validCreate, name: 'x'.repeat(40) },
      { ...validCreate, serverDataPath: '/srv/../etc' },
      { ...validCreate, serverDataPath: 'relative/path' },
      { ...validCreate, serverDataPath: '/' },
      { ...validCreate, serverDataPath: '/etc/zomboid' },
      { ...validCreate, serverDataPath: '/var/lib/docker/x' },
      { ...validCreate, serverDataPath: '/srv//x' },
      { ...validCreate, gamePort: 80 },
      { ...validCreate, gamePort: 70000 },
      { ...validCreate, gamePort: 16261.5 },
      { ...validCreate, gamePort: '16261' },
      { ...validCreate, gamePort: 65535 },
      { ...validCreate, config: { SERVER_DEFAULT_PORT: '1' } },
      { ...validCreate, config: { 'bad key': 'x' } },
      '{"name":"bravo","imageTag":"latest","config":{"__proto__":"x"}}',
      { ...validCreate, image: 'UPPER/Case' },
      { ...validCreate, imageTag: '-bad' },
      { ...validCreate, autoRecreate: 'yes' },
      [],
      null,
      'not json{',
      '',
    ];
    for (const body of cases) await expect4xx('POST', servers(), body, 'VALIDATION_FAILED');
  });

  it('create server: duplicate name → NAME_TAKEN, used port → PORT_CONFLICT', async () => {
    await expect4xx('POST', servers(), { name: 'alpha', imageTag: 'latest' }, 'NAME_TAKEN');
    await expect4xx(
      'POST',
      servers(),
      { name: 'charlie', imageTag: 'latest', gamePort: 16261 },
      'PORT_CONFLICT',
    );
  });

  it('create server: a folder inside another server’s → DATA_PATH_OVERLAP, outside the roots → DATA_PATH_NOT_ALLOWED', async () => {
    const nested = { name: 'data', imageTag: 'latest', serverDataPath: '/srv/zomboid/alpha' };
    await expect4xx('POST', servers(), nested, 'DATA_PATH_OVERLAP');
    for (const serverDataPath of ['/home', '/root', '/var/run', '/var/lib', '/opt'])
      await expect4xx(
        'POST',
        servers(),
        { ...validCreate, serverDataPath },
        'DATA_PATH_NOT_ALLOWED',
      );
  });

  it('ports at the top of the range are refused naming the field, never a hang', async () => {
    const top = await expect4xx(
      'POST',
      servers(),
      { name: 'top', imageTag: 'latest', gamePort: 65535 },
      'VALIDATION_FAILED',
    );
    expect(top.error.details).toMatchObject({ field: 'gamePort' });
    // gamePort 65534 gets udpPort 65535; then no udpPort is left above 65533.
    const edge = await t.admin.expect(202, ServerActionResponse, 'POST', servers(), {
      name: 'edge',
      imageTag: 'latest',
      gamePort: 65534,
      rconPort: 65000,
    });
    expect(edge.server).toMatchObject({ gamePort: 65534, udpPort: 65535 });
    await waitForOperation(t, edge.operation.id);
    const full = await expect4xx(
      'POST',
      servers(),
      { name: 'edge-two', imageTag: 'latest', gamePort: 65533 },
      'PORT_CONFLICT',
    );
    expect(full.error.details).toMatchObject({ field: 'udpPort' });
    expect(full.error.message).toMatch(/udpPort/);
    expect((await t.admin.call('GET', '/api/servers')).status).toBe(200);
  });

  it('huge bodies → 413 PAYLOAD_TOO_LARGE', async () => {
    const huge = JSON.stringify({ ...validCreate, config: { BIG: 'x'.repeat(100 * 1024) } });
    await expect4xx('POST', servers(), huge, 'PAYLOAD_TOO_LARGE');
    await expect4xx(
      'POST',
      '/api/auth/login',
      JSON.stringify({ email: 'a', password: 'x'.repeat(200_000) }),
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('a body on a GET is never read: the answer is the usual one, and the next request is served', async () => {
    // Body limits apply where a handler reads a body; a GET's is discarded unread however big.
    const url = new URL(`/api/servers/${serverId}`, t.manager.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const body = 'x'.repeat(1024 * 1024);
      const headers = { cookie: t.admin.cookie!, 'content-length': String(body.length) };
      const req = request(url, { method: 'GET', headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.end(body);
    });
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ server: { id: serverId } });
    expect((await t.admin.call('GET', '/api/servers')).status).toBe(200);
  });

  it('invalid or unknown ids → 404, never 500', async () => {
    const bad = ['..%2F..%2Fetc', 'x'.repeat(100), '%00', 'unknown-id', "1'%20OR%201=1"];
    for (const id of bad) {
      await expect4xx('GET', `/api/servers/${id}`, undefined, 'NOT_FOUND');
      await expect4xx('GET', `/api/agents/${id}`, undefined, 'NOT_FOUND');
      await expect4xx('GET', `/api/agents/${id}/servers`, undefined, 'NOT_FOUND');
      await expect4xx('POST', `/api/agents/${id}/servers`, validCreate, 'NOT_FOUND');
      await expect4xx('POST', `/api/agents/${agentId}/servers/${id}/recreate`, {}, 'NOT_FOUND');
      await expect4xx('POST', `/api/agents/${id}/servers/${serverId}/start`, {}, 'NOT_FOUND');
      await expect4xx('PATCH', `/api/agents/${agentId}/servers/${id}`, {}, 'NOT_FOUND');
      await expect4xx('DELETE', `/api/agents/${agentId}/servers/${id}`, undefined, 'NOT_FOUND');
      await expect4xx(
        'DELETE',
        `/api/agents/${agentId}/servers/${id}/purge`,
        undefined,
        'NOT_FOUND',
      );
      await expect4xx(
        'GET',
        `/api/agents/${agentId}/servers/${id}/check-data`,
        undefined,
        'NOT_FOUND',
      );
      await expect4xx('POST', `/api/agents/${id}/servers/sync`, undefined, 'NOT_FOUND');
      await expect4xx('GET', `/api/operations/${id}`, undefined, 'NOT_FOUND');
      await expect4xx('DELETE', `/api/operations/${id}`, undefined, 'NOT_FOUND');
    }
    await expect4xx('POST', `/api/agents/${agentId}/servers/${serverId}/explode`, {}, 'NOT_FOUND');
    await expect4xx('GET', '/api/does-not-exist', undefined, 'NOT_FOUND');
  });

  it('actions, PATCH, purge, audit, users, agents, login: wrong types and unknown fields', async () => {
    const action = `/api/agents/${agentId}/servers/${serverId}`;
    await expect4xx('POST', `${action}/stop`, { allowFreshStart: 'yes' }, 'VALIDATION_FAILED');
    await expect4xx('POST', `${action}/stop`, { force: true }, 'VALIDATION_FAILED');
    await expect4xx('POST', `${action}/stop`, '{"allowFreshStart":', 'VALIDATION_FAILED');
    await expect4xx('PATCH', action, { autoRecreate: 'on' }, 'VALIDATION_FAILED');
    await expect4xx('PATCH', action, { name: 'rename' }, 'VALIDATION_FAILED');
    await expect4xx('PATCH', action, { imageTag: 5 }, 'VALIDATION_FAILED');
    // A key JSON carries but a plain object cannot hold: refused, not dropped from what is saved.
    const proto = await expect4xx(
      'PATCH',
      action,
      '{"config":{"__proto__":"x","MAX_PLAYERS":"8"}}',
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(proto)).toContain('__proto__ cannot be a config key');
    await expect4xx('DELETE', `${action}/purge?removeData=maybe`, undefined, 'VALIDATION_FAILED');
    await expect4xx(
      'DELETE',
      `${action}/purge?removeData=true&x=1`,
      undefined,
      'VALIDATION_FAILED',
    );
    await expect4xx('GET', '/api/audit?limit=0', undefined, 'VALIDATION_FAILED');
    await expect4xx('GET', '/api/audit?limit=abc', undefined, 'VALIDATION_FAILED');
    await expect4xx('GET', '/api/audit?serverId=../../x', undefined, 'VALIDATION_FAILED');
    await expect4xx('GET', '/api/audit?other=1', undefined, 'VALIDATION_FAILED');
    await expect4xx(
      'POST',
      '/api/users',
      { email: 'not-an-email', password: 'long-enough-password', role: 'viewer' },
      'VALIDATION_FAILED',
    );
    await expect4xx(
      'POST',
      '/api/users',
      { email: 'a@b.io', password: 'short', role: 'viewer' },
      'VALIDATION_FAILED',
    );
    await expect4xx(
      'POST',
      '/api/users',
      { email: 'a@b.io', password: 'long-enough-password', role: 'root' },
      'VALIDATION_FAILED',
    );
    await expect4xx('POST', '/api/agents', { name: '../x' }, 'VALIDATION_FAILED');
    await expect4xx(
      'POST',
      '/api/agents',
      { name: 'ok', serverDataPath: '/proc/x' },
      'VALIDATION_FAILED',
    );
    await expect4xx('POST', '/api/agents', { name: 'ok', token: 'x' }, 'VALIDATION_FAILED');
    await expect4xx('POST', '/api/agents', { name: 'host-a' }, 'NAME_TAKEN');
    await expect4xx(
      'POST',
      '/api/users',
      { email: 'admin@test.local', password: 'long-enough-password', role: 'viewer' },
      'NAME_TAKEN',
    );
    await expect4xx('POST', '/api/auth/login', { email: 1, password: 2 }, 'VALIDATION_FAILED');
    await expect4xx(
      'POST',
      '/api/auth/login',
      { email: 'a@b.io', password: 'x', remember: true },
      'VALIDATION_FAILED',
    );
    await expect4xx(
      'POST',
      '/api/auth/login',
      { email: 'admin@test.local', password: 'wrong' },
      'INVALID_CREDENTIALS',
    );
  });

  it('a garbage frame from an authenticated agent is ignored, not fatal', async () => {
    agent.send('{not json');
    agent.send({ type: 'reply', id: 42 });
    agent.send({ type: 'container.event', action: 'explode' });
    const res = await t.admin.call('POST', `/api/agents/${agentId}/servers/sync`);
    expect(res.status).toBe(200);
  });

  it('an unauthenticated socket sending more than a hello frame is cut off with 1009', async () => {
    const socket = await RawAgentSocket.open(t.manager.url);
    await socket.sendHugeFrame(agentHelloMaxBytes + 64);
    expect((await socket.closed).closeCode).toBe(1009);
    const res = await t.admin.call('POST', `/api/agents/${agentId}/servers/sync`);
    expect(res.status).toBe(200);
  });
});
