import type { LiveEvent } from './events';
import type { Role } from './http/auth';
import type { Server } from './http/servers';

/**
 * Secrets in a server's env config, in one place for manager, mocks and dashboard: a value
 * whose key contains PASSWORD, SECRET, TOKEN or KEY (any case) is shown to viewers as
 * `maskedSecret`, in every response and every live event. Operators and admins see it.
 */
export const secretKeyPattern = /PASSWORD|SECRET|TOKEN|KEY/i;

/** What a viewer gets instead of a secret value. */
export const maskedSecret = '********';

/** True when the config key names a secret (RCON_PASSWORD, ADMIN_PASSWORD, STEAM_API_KEY …). */
export function isSecretConfigKey(key: string): boolean {
  return secretKeyPattern.test(key);
}

/** True when this role reads secret config values in clear. */
export function roleSeesSecrets(role: Role): boolean {
  return role !== 'viewer';
}

/** The config with every secret value replaced by `maskedSecret`. */
export function maskSecretConfig(config: Record<string, string>): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [key, value] of Object.entries(config))
    masked[key] = isSecretConfigKey(key) ? maskedSecret : value;
  return masked;
}

/** The server as `role` may see it (a copy when anything is masked). */
export function serverForRole<S extends Pick<Server, 'config'>>(server: S, role: Role): S {
  if (roleSeesSecrets(role)) return server;
  return { ...server, config: maskSecretConfig(server.config) };
}

/** The live event as `role` may see it: a `server.updated` (or `servers.updated`) carries masked servers. */
export function liveEventForRole(event: LiveEvent, role: Role): LiveEvent {
  if (roleSeesSecrets(role)) return event;
  if (event.type === 'servers.updated')
    return { ...event, servers: event.servers.map((s) => serverForRole(s, role)) };
  if (event.type !== 'server.updated') return event;
  return { ...event, server: serverForRole(event.server, role) };
}
