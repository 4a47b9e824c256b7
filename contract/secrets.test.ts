import { describe, expect, it } from 'vitest';
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
});
