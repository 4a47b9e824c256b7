import type { ContainerInfo } from '@contract/agent-protocol';
import { containerEnv, containerMounts, publishedUdpPorts } from '@contract/container-shape';
import { driftDigest } from '@contract/drift-digest';
import type { AgentRecord } from '../db/agents-repo';
import type { ObservedRecord } from '../db/servers-repo';
import { effectiveDataPath } from './effective-config';
import { imageDefaults, type ImageEnv } from './drift';

/**
 * The digest a container without drift in its ports, mounts and environment reports for this
 * server (contract/drift-digest.ts): the wanted ports published once each on every address, the
 * two binds, and the environment ZedOps sets less what equals the image's defaults (the agent
 * reports the environment beyond them). Null — the details must be compared — when equal digests
 * would not mean what the drift rule means:
 * - the image's defaults are unknown (the agent reports the whole environment, and the rule then
 *   leaves extra variables alone);
 * - the config wants one port twice (the rule calls that drift whatever is published);
 * - there is no data path (the rule then leaves the mounts alone).
 * docs/decisions/0104-list-digest.md
 */
export function expectedDigest(
  server: ObservedRecord,
  agent: AgentRecord,
  defaults: Record<string, string> | undefined,
): string | null {
  if (!defaults) return null;
  const dataPath = effectiveDataPath(server, agent);
  if (!dataPath) return null;
  const wanted = publishedUdpPorts(server);
  if (new Set(wanted).size !== wanted.length) return null;
  const expected = containerEnv({
    env: server.config,
    gamePort: server.gamePort,
    udpPort: server.udpPort,
    rconPort: server.rconPort,
  });
  const env: Record<string, string> = {};
  for (const key of Object.keys(expected))
    if (!Object.hasOwn(defaults, key) || defaults[key] !== expected[key]) env[key] = expected[key]!;
  return driftDigest({
    ports: wanted.map((port) => ({
      containerPort: port,
      protocol: 'udp',
      hostIp: '',
      hostPort: port,
    })),
    mounts: containerMounts(dataPath, server.name).map((m) => ({
      type: 'bind',
      source: m.hostPath,
      destination: m.containerPath,
    })),
    env,
  });
}

/**
 * Whether this container's digest says it has no drift in ports, mounts and environment — true,
 * false (its details must be compared), or null when it reports details rather than a digest
 * (compared as they are).
 */
export function digestMatches(
  server: ObservedRecord,
  agent: AgentRecord,
  container: ContainerInfo,
  imageEnv: ImageEnv | undefined,
): boolean | null {
  if (container.digest === undefined) return null;
  if (container.ports || container.mounts || container.env) return null;
  if (container.imageId === undefined) return null; // not compared at all (an agent older than drift)
  return (
    expectedDigest(server, agent, imageDefaults(imageEnv, container.imageId)) === container.digest
  );
}
