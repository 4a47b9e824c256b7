import type Docker from 'dockerode';
import type { ContainerInfo } from '@contract/agent-protocol';
import { labels } from '../labels';

/** A managed container from `GET /containers/json`; null when it lacks our server-id label. */
export function fromListEntry(entry: Docker.ContainerInfo): ContainerInfo | null {
  const serverId = entry.Labels?.[labels.serverId];
  if (!serverId) return null;
  return {
    id: entry.Id,
    name: (entry.Names?.[0] ?? entry.Id).replace(/^\//, ''),
    serverId,
    serverName: entry.Labels?.[labels.serverName] ?? null,
    state: entry.State,
    running: entry.State === 'running',
    image: entry.Image,
    createdAt: new Date(entry.Created * 1000).toISOString(),
  };
}

/** A managed container from `GET /containers/{id}/json`; null when it lacks our server-id label. */
export function fromInspect(data: Docker.ContainerInspectInfo): ContainerInfo | null {
  const serverId = data.Config.Labels?.[labels.serverId];
  if (!serverId) return null;
  return {
    id: data.Id,
    name: data.Name.replace(/^\//, ''),
    serverId,
    serverName: data.Config.Labels?.[labels.serverName] ?? null,
    state: data.State.Status,
    running: data.State.Running,
    image: data.Config.Image,
    createdAt: new Date(data.Created).toISOString(),
  };
}
