import type Docker from 'dockerode';
import type { ContainerMount, ContainerPortBinding } from '@contract/agent-protocol';
import { isEngineUnreachable, statusCodeOf, wrapDockerError } from './docker-errors';
import { mapBounded } from '../map-bounded';

/**
 * What the manager's drift check needs from a container's inspect. Docker cannot change a
 * container's image, environment, port bindings or mounts after it is created, so one inspect
 * per container lifetime is enough: the list API lacks env and configured bindings, and
 * inspecting every container on every list would cost a fleet thousands of calls each time.
 */
export interface ContainerDetails {
  /** `Config.Image`: the reference it was created from (an image id when created from a pin). */
  configuredImage: string;
  ports: ContainerPortBinding[];
  mounts: ContainerMount[];
  /** The whole environment (image defaults included). */
  env: Record<string, string>;
}

/** At most this many inspects run at once: a first list of a big host must not flood dockerd. */
const inspectConcurrency = 8;

/** Inspect results by container id and image id, fetched once and in parallel (bounded). */
export class InspectCache {
  private readonly containers = new Map<string, Promise<ContainerDetails | null>>();
  private readonly images = new Map<string, Record<string, string>>();

  constructor(private readonly docker: Docker) {}

  /**
   * Details of each listed container (absent for one removed meanwhile). When `ids` is the
   * complete managed list, every other cached container is gone and forgotten.
   */
  async containerDetails(
    ids: string[],
    { complete }: { complete: boolean },
  ): Promise<Map<string, ContainerDetails>> {
    const wanted = new Set(ids);
    if (complete)
      for (const id of this.containers.keys()) if (!wanted.has(id)) this.containers.delete(id);
    const found = await mapBounded(ids, inspectConcurrency, (id) => this.details(id));
    const out = new Map<string, ContainerDetails>();
    ids.forEach((id, i) => {
      const d = found[i];
      if (d) out.set(id, d);
    });
    return out;
  }

  /** The default environment of each image, by id; an image that cannot be inspected is left out. */
  async imageEnv(imageIds: string[]): Promise<Record<string, Record<string, string>>> {
    const unknown = [...new Set(imageIds)].filter((id) => !this.images.has(id));
    await mapBounded(unknown, inspectConcurrency, async (id) => {
      try {
        const info = await this.docker.getImage(id).inspect();
        this.images.set(id, parseEnv(info.Config?.Env));
      } catch (err) {
        if (isEngineUnreachable(err)) throw wrapDockerError(err, `inspecting image ${id}`);
        // Removed (forced) while a container still runs it: its containers report their whole env.
      }
    });
    const out: Record<string, Record<string, string>> = {};
    for (const id of imageIds) {
      const env = this.images.get(id);
      if (env) out[id] = env;
    }
    return out;
  }

  private details(id: string): Promise<ContainerDetails | null> {
    let pending = this.containers.get(id);
    if (!pending) {
      pending = this.docker
        .getContainer(id)
        .inspect()
        .then(detailsFromInspect, (err: unknown) => {
          this.containers.delete(id);
          if (statusCodeOf(err) === 404) return null;
          throw wrapDockerError(err, `inspecting ${id}`);
        });
      this.containers.set(id, pending);
    }
    return pending;
  }
}

/** The drift-relevant parts of `GET /containers/{id}/json`. */
export function detailsFromInspect(data: Docker.ContainerInspectInfo): ContainerDetails {
  const bindings = (data.HostConfig?.PortBindings ?? {}) as Record<
    string,
    { HostIp?: string; HostPort?: string }[] | null
  >;
  const ports = Object.entries(bindings).flatMap(([key, list]): ContainerPortBinding[] => {
    const [port = '0', protocol = 'tcp'] = key.split('/');
    const containerPort = Number(port);
    if (!list || list.length === 0)
      return [{ containerPort, protocol, hostIp: '', hostPort: null }];
    return list.map((b) => ({
      containerPort,
      protocol,
      hostIp: anyAddress.has(b.HostIp ?? '') ? '' : (b.HostIp ?? ''),
      // An empty host port asks Docker for any free one: 0 says so.
      hostPort: b.HostPort ? Number(b.HostPort) : 0,
    }));
  });
  const mounts = (data.Mounts ?? []).map((m) => ({
    type: m.Type,
    source: m.Type === 'volume' && m.Name ? m.Name : m.Source,
    destination: m.Destination,
  }));
  return { configuredImage: data.Config.Image, ports, mounts, env: parseEnv(data.Config.Env) };
}

const anyAddress = new Set(['', '0.0.0.0', '::']);

/** `KEY=value` entries as a record; an entry without `=` sets nothing. */
export function parseEnv(entries: string[] | null | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of entries ?? []) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}
