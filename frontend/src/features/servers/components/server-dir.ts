import type { Server } from '@contract/http/servers';

/** `{effectiveDataPath}/{name}` — where the server's bin/ and data/ live — or null when unknown. */
export function serverDir(server: Pick<Server, 'effectiveDataPath' | 'name'>): string | null {
  return server.effectiveDataPath ? `${server.effectiveDataPath}/${server.name}` : null;
}
