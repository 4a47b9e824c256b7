import type Docker from 'dockerode';
import type { ContainerInfo } from '@contract/agent-protocol';
import { labels } from '../labels';
import type { ContainerDetails } from './inspect-cache';

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

/**
 * A listed container with what drift needs: the image it runs, its configured image reference,
 * bindings and mounts, and the environment it sets beyond its image's defaults (`imageEnv`,
 * when the image could be inspected; otherwise its whole environment).
 */
export function withDetails(
  info: ContainerInfo,
  imageId: string,
  details: ContainerDetails,
  imageEnv: Record<string, string> | undefined,
): ContainerInfo {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(details.env))
    if (imageEnv?.[key] !== value) env[key] = value;
  return {
    ...info,
    image: details.configuredImage,
    imageId,
    ports: details.ports,
    mounts: details.mounts,
    env,
  };
}
