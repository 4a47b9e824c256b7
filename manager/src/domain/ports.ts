import type { CreateServerRequest } from '@contract/http/servers';
import { NoFreePortError, PortConflictError, ValidationError } from './errors';

export interface ServerPorts {
  gamePort: number;
  udpPort: number;
  rconPort: number;
}

const firstGamePort = 16261;
const firstRconPort = 27015;
const lastPort = 65535;

/**
 * Requested ports checked against the agent's used ones; missing ones get the next free defaults.
 * Every search walks up to port 65535 and stops there (a port past it is a refusal, never a loop):
 * an input that can never fit is VALIDATION_FAILED, a range used up by other servers is PORT_CONFLICT.
 */
export function assignPorts(
  request: Pick<CreateServerRequest, 'gamePort' | 'udpPort' | 'rconPort'>,
  used: Set<number>,
): ServerPorts {
  const given = [request.gamePort, request.udpPort, request.rconPort].filter(
    (p): p is number => p !== undefined,
  );
  if (new Set(given).size !== given.length)
    throw new ValidationError('gamePort, udpPort and rconPort must differ', { field: 'ports' });
  for (const field of ['gamePort', 'udpPort', 'rconPort'] as const) {
    const port = request[field];
    if (port !== undefined && used.has(port)) throw new PortConflictError(port, field);
  }
  // The UDP port defaults to gamePort + 1 (or the next free one above): 65535 leaves none.
  if (request.gamePort === lastPort && request.udpPort === undefined)
    throw new ValidationError(
      `gamePort ${lastPort} leaves no port above it for udpPort; choose a lower gamePort or give udpPort`,
      { field: 'gamePort' },
    );
  const taken = new Set([...used, ...given]);
  const free = (p: number) => !taken.has(p);

  const gamePort =
    request.gamePort ??
    firstFree(
      firstGamePort,
      2,
      (p) => free(p) && (request.udpPort !== undefined || (p < lastPort && free(p + 1))),
      {
        field: 'gamePort',
        what: request.udpPort === undefined ? 'gamePort/udpPort pair' : 'gamePort',
        from: firstGamePort,
      },
    );
  taken.add(gamePort);
  const udpPort =
    request.udpPort ??
    firstFree(gamePort + 1, 1, free, { field: 'udpPort', what: 'udpPort', from: gamePort + 1 });
  taken.add(udpPort);
  const rconPort =
    request.rconPort ??
    firstFree(firstRconPort, 1, free, { field: 'rconPort', what: 'rconPort', from: firstRconPort });
  return { gamePort, udpPort, rconPort };
}

/** First port from `start` (by `step`, at most up to 65535) passing `fits`. */
function firstFree(
  start: number,
  step: number,
  fits: (port: number) => boolean,
  refusal: { field: string; what: string; from: number },
): number {
  for (let port = start; port <= lastPort; port += step) if (fits(port)) return port;
  throw new NoFreePortError(refusal.field, refusal.what, refusal.from, lastPort);
}
