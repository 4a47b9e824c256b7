import type { ContainerSpec } from '@contract/agent-protocol';
import type { AgentRow } from '../db/agents-repo';
import type { ServerRow } from '../db/servers-repo';
import { InvalidStateError } from './errors';

/** `server.serverDataPath ?? agent.serverDataPath` (docs/design.md §3.3 step 1). */
export function effectiveDataPath(server: ServerRow, agent: AgentRow): string | null {
  return server.server_data_path ?? agent.server_data_path;
}

/** The container spec from stored config; refuses when image or data path cannot be resolved. */
export function buildContainerSpec(server: ServerRow, agent: AgentRow): ContainerSpec {
  const image = server.image ?? agent.default_image;
  if (!image)
    throw new InvalidStateError('No image: set one on the server or a default image on its agent');
  const dataPath = effectiveDataPath(server, agent);
  if (!dataPath) throw new InvalidStateError('No data path: set one on the server or on its agent');
  return {
    serverId: server.id,
    serverName: server.name,
    image,
    imageTag: server.image_tag,
    env: JSON.parse(server.config) as Record<string, string>,
    gamePort: server.game_port,
    udpPort: server.udp_port,
    rconPort: server.rcon_port,
    dataPath,
  };
}
