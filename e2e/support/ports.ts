/**
 * Game, second UDP and RCON ports away from the defaults (16261/16262/27015), which other
 * engineers' containers on this shared Docker host may hold: a random block per server.
 */
export function spreadPorts(): { gamePort: number; udpPort: number; rconPort: number } {
  const base = 21_000 + Math.floor(Math.random() * 2_000) * 3;
  return { gamePort: base, udpPort: base + 1, rconPort: base + 2 };
}
