import type { CreateServerRequest } from '@contract/http/servers';
import { PortConflictError, ValidationError } from './errors';

export interface ServerPorts {
  gamePort: number;
  udpPort: number;
  rconPort: number;
}

const firstGamePort = 16261;
const firstRconPort = 27015;

/** Requested ports checked against the agent's used ones; missing ones get the next free defaults. */
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
  const taken = new Set([...used, ...given]);
  const free = (p: number) => p <= 65535 && !taken.has(p);

  let gamePort = request.gamePort;
  if (gamePort === undefined) {
    gamePort = firstGamePort;
    while (!free(gamePort) || (request.udpPort === undefined && !free(gamePort + 1))) gamePort += 2;
  }
  taken.add(gamePort);
  let udpPort = request.udpPort;
  if (udpPort === undefined) {
    udpPort = gamePort + 1;
    while (!free(udpPort)) udpPort += 1;
  }
  taken.add(udpPort);
  let rconPort = request.rconPort;
  if (rconPort === undefined) {
    rconPort = firstRconPort;
    while (!free(rconPort)) rconPort += 1;
  }
  for (const p of [gamePort, udpPort, rconPort])
    if (p > 65535) throw new ValidationError('No free port left on this agent');
  return { gamePort, udpPort, rconPort };
}
