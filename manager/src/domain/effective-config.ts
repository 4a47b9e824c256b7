import type { ContainerSpec } from '@contract/agent-protocol';
import type { AgentRecord } from '../db/agents-repo';
import type { ServerRecord } from '../db/servers-repo';
import { InvalidStateError } from './errors';

/** `server.serverDataPath ?? agent.serverDataPath` (docs/design.md §3.3 step 1). */
export function effectiveDataPath(
  server: Pick<ServerRecord, 'serverDataPath'>,
  agent: AgentRecord,
): string | null {
  return server.serverDataPath ?? agent.serverDataPath;
}

/**
 * The container spec from stored config; refuses when image or data path cannot be resolved.
 * `pinned`: bring back exactly the image that last ran (when one is recorded).
 */
export function buildContainerSpec(
  server: ServerRecord,
  agent: AgentRecord,
  pinned = false,
): ContainerSpec {
  const image = server.image ?? agent.defaultImage;
  if (!image)
    throw new InvalidStateError('No image: set one on the server or a default image on its agent');
  const dataPath = effectiveDataPath(server, agent);
  if (!dataPath) throw new InvalidStateError('No data path: set one on the server or on its agent');
  return {
    serverId: server.id,
    serverName: server.name,
    image,
    imageTag: server.imageTag,
    env: server.config,
    gamePort: server.gamePort,
    udpPort: server.udpPort,
    rconPort: server.rconPort,
    dataPath,
    ...(pinned && server.imageId
      ? { pin: { imageId: server.imageId, imageDigest: server.imageDigest } }
      : {}),
  };
}
