import { describe, expect, it } from 'vitest';
import { AuditResponse } from '@contract/http/audit';
import { apiPaths } from '@contract/http/paths';
import { ListServersResponse, ServerActionResponse, ServerResponse } from '@contract/http/servers';
import { UserAccountResponse } from '@contract/http/users';
import { maskedSecret } from '@contract/secrets';
import {
  ApiClient,
  waitFor,
  waitForOperation,
  withManagerAndAgent,
  type TestManager,
} from '../testing/harness';

const config = {
  RCON_PASSWORD: 'rcon-secret-value-1',
  ADMIN_PASSWORD: 'admin-secret-value-2',
  steam_api_key: 'key-secret-value-3',
  DISCORD_TOKEN: 'token-secret-value-4',
  ServerSecret: 'secret-value-5',
  SERVER_NAME: 'public-name-value-6',
};
const secretKeys = [
  'RCON_PASSWORD',
  'ADMIN_PASSWORD',
  'steam_api_key',
  'DISCORD_TOKEN',
  'ServerSecret',
];
const masked = { ...config, ...Object.fromEntries(secretKeys.map((k) => [k, maskedSecret])) };

/** Opens an SSE stream (resolves once subscribed); `text()` reads until `done` holds. */
async function readEvents(client: ApiClient, url: string, done: (text: string) => boolean) {
  const controller = new AbortController();
  const res = await fetch(`${url}${apiPaths.events}`, {
    headers: { cookie: client.cookie! },
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  let text = '';
  const readUntil = (enough: (seen: string) => boolean) =>
    waitFor(async () => {
      const chunk = await reader.read();
      text += new TextDecoder().decode(chunk.value);
      return enough(text);
    });
  await readUntil((seen) => seen.includes(': connected')); // subscribed from here on
  return {
    text: async () => {
      await readUntil(done);
      controller.abort();
      return text;
    },
  };
}

describe('secrets in server config: masked for viewers everywhere, never in the audit', () => {
  let t: TestManager;
  let agentId: string;
  let serverId: string;
  const viewer = () => signedIn('viewer@test.local');
  const operator = () => signedIn('operator@test.local');
  async function signedIn(email: string) {
    const client = new ApiClient(t.manager.url);
    await client.login(email, 'role-password-123');
    return client;
  }

  withManagerAndAgent('all', async (env) => {
    ({ t, agentId } = env);
    for (const role of ['viewer', 'operator'] as const)
      await t.admin.expect(201, UserAccountResponse, 'POST', apiPaths.users, {
        email: `${role}@test.local`,
        password: 'role-password-123',
        role,
      });
    const created = ServerActionResponse.parse(
      (
        await t.admin.call('POST', apiPaths.agentServers(agentId), {
          name: 'alpha',
          imageTag: 'latest',
          config,
        })
      ).body,
    );
    serverId = created.server.id;
    await waitForOperation(t, created.operation.id);
  });

  it('every read a viewer makes shows ******** for PASSWORD/SECRET/TOKEN/KEY keys, any case', async () => {
    const client = await viewer();
    const reads = [
      ListServersResponse.parse((await client.call('GET', apiPaths.servers)).body).servers,
      ListServersResponse.parse((await client.call('GET', apiPaths.agentServers(agentId))).body)
        .servers,
      [ServerResponse.parse((await client.call('GET', apiPaths.server(serverId))).body).server],
      [
        ServerResponse.parse(
          (await client.call('GET', apiPaths.agentServer(agentId, serverId))).body,
        ).server,
      ],
    ];
    for (const servers of reads)
      expect(servers.find((s) => s.id === serverId)?.config).toEqual(masked);
  });

  it('operators and admins read them in clear', async () => {
    const client = await operator();
    for (const c of [client, t.admin])
      expect(
        ServerResponse.parse((await c.call('GET', apiPaths.server(serverId))).body).server.config,
      ).toEqual(config);
  });

  it('live events: each subscriber gets the server as its role may see it', async () => {
    const done = (text: string) => text.includes('event: server.updated');
    const [viewerStream, operatorStream] = await Promise.all([
      readEvents(await viewer(), t.manager.url, done),
      readEvents(await operator(), t.manager.url, done),
    ]);
    await t.admin.call('PATCH', apiPaths.agentServer(agentId, serverId), { autoRecreate: true });
    const [seenByViewer, seenByOperator] = await Promise.all([
      viewerStream.text(),
      operatorStream.text(),
    ]);
    for (const value of Object.values(config).slice(0, 5)) {
      expect(seenByViewer).not.toContain(value);
      expect(seenByOperator).toContain(value);
    }
    expect(seenByViewer).toContain(maskedSecret);
    expect(seenByViewer).toContain(config.SERVER_NAME);
  });

  it('no config value is ever written to the audit log', async () => {
    await t.admin.call('PATCH', apiPaths.agentServer(agentId, serverId), {
      config: { ...config, RCON_PASSWORD: 'rotated-rcon-value-7' },
    });
    const { entries } = await t.admin.expect(200, AuditResponse, 'GET', '/api/audit?limit=500');
    const text = JSON.stringify(entries);
    for (const value of [...Object.values(config), 'rotated-rcon-value-7'])
      expect(text).not.toContain(value);
    expect(entries.some((e) => e.action === 'server.updated')).toBe(true);
  });
});
