import { execFileSync } from 'node:child_process';

/** Runs the docker CLI (e2e may use it; the product never does) and returns trimmed stdout. */
export function docker(...args: string[]): string {
  return execFileSync('docker', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Ids of every container (running or not) carrying this ZedOps server id label. */
export function containersOfServer(serverId: string): string[] {
  const out = docker('ps', '-aq', '--no-trunc', '--filter', `label=zedops.server.id=${serverId}`);
  return out ? out.split('\n') : [];
}

export function removeContainerForcibly(idOrName: string): void {
  docker('rm', '-f', idOrName);
}

/** Cleanup variant: the container may already be gone or on its way out. */
export function removeContainerIfPresent(idOrName: string): void {
  try {
    docker('rm', '-f', idOrName);
  } catch {
    // already removed (or being removed by the agent): nothing left to do
  }
}

/** Removes leftover containers of e2e servers (named steam-zomboid-e2e-*). */
export function removeE2eContainers(prefix: string): void {
  const out = docker('ps', '-aq', '--filter', `name=^steam-zomboid-${prefix}`);
  if (out) docker('rm', '-f', ...out.split('\n'));
}
