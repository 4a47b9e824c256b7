/**
 * Game, UDP and RCON ports for a spec's server, picked at random from a high range: the Docker
 * engine (and its host ports) may be shared with other runs, so the manager's defaults (16261…)
 * can be taken by someone else.
 */
export function randomPorts(): { gamePort: number; udpPort: number; rconPort: number } {
  const gamePort = 30_000 + 3 * Math.floor(Math.random() * 9_000);
  return { gamePort, udpPort: gamePort + 1, rconPort: gamePort + 2 };
}
