import { describe, expect, it } from 'vitest';
import { serverEvents, serversInOneEventFrom, type LiveEvent } from './events';
import type { Server } from './http/servers';
import { isSecretConfigKey, liveEventForRole, maskedSecret, serverForRole } from './secrets';

describe('secret config keys', () => {
  it.each([
    'RCON_PASSWORD',
    'ADMIN_PASSWORD',
    'password',
    'SteamApiKey',
    'API_KEY',
    'Discord_Token',
    'CLIENT_SECRET',
    'KEYS',
  ])('%s is a secret', (key) => expect(isSecretConfigKey(key)).toBe(true));
  it.each(['SERVER_NAME', 'MAX_PLAYERS', 'PUBLIC', 'PASS', 'TOK'])('%s is not', (key) =>
    expect(isSecretConfigKey(key)).toBe(false),
  );

  it('viewers get the mask, other roles the value; the original is never changed', () => {
    const server = { id: 's1', config: { RCON_PASSWORD: 'hunter2', SERVER_NAME: 'pub' } };
    expect(serverForRole(server, 'viewer').config).toEqual({
      RCON_PASSWORD: maskedSecret,
      SERVER_NAME: 'pub',
    });
    expect(serverForRole(server, 'operator')).toBe(server);
    expect(server.config.RCON_PASSWORD).toBe('hunter2');
    const event = { type: 'agent.updated' } as Parameters<typeof liveEventForRole>[0];
    expect(liveEventForRole(event, 'viewer')).toBe(event);
  });

  it('a burst of servers in one live event is masked server by server for viewers', () => {
    const servers = ['s1', 's2'].map((id) => ({
      id,
      config: { RCON_PASSWORD: `secret-${id}`, SERVER_NAME: id },
    })) as unknown as Server[];
    const event: LiveEvent = { type: 'servers.updated', servers };
    const shown = liveEventForRole(event, 'viewer');
    expect(shown.type === 'servers.updated' && shown.servers.map((s) => s.config)).toEqual([
      { RCON_PASSWORD: maskedSecret, SERVER_NAME: 's1' },
      { RCON_PASSWORD: maskedSecret, SERVER_NAME: 's2' },
    ]);
    expect(JSON.stringify(shown)).not.toContain('secret-');
    expect(liveEventForRole(event, 'operator')).toBe(event);
    expect(servers[0]!.config.RCON_PASSWORD).toBe('secret-s1');
  });
});

describe('live events for servers that changed together', () => {
  const server = (i: number) => ({ id: `s${i}` }) as Server;
  it('are one server.updated each below the burst size, one servers.updated from it on', () => {
    const few = Array.from({ length: serversInOneEventFrom - 1 }, (_, i) => server(i));
    expect(serverEvents(few)).toEqual(few.map((s) => ({ type: 'server.updated', server: s })));
    const many = [...few, server(few.length)];
    expect(serverEvents(many)).toEqual([{ type: 'servers.updated', servers: many }]);
    expect(serverEvents([])).toEqual([]);
  });
});
