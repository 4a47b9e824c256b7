import type Docker from 'dockerode';
import type { Logger } from 'pino';
import type { ContainerInfo, DockerHealth } from '@contract/agent-protocol';
import { ContainerNameConflictError } from '../../errors';
import { isUdpPortInUse } from '../../host/udp-port-probe';
import type {
  ContainerDefinition,
  ContainerRuntime,
  EventWatchHandlers,
  ManagedList,
  NamedContainer,
  PublishedPort,
  PullProgress,
  RegistryAnswer,
} from '../container-runtime';
import { labels } from '../labels';
import { fromInspect, fromListEntry, withDetails } from './container-info';
import { InspectCache } from './inspect-cache';
import { engineMessage, isEngineUnreachable, statusCodeOf, wrapDockerError } from './docker-errors';
import { watchContainerEvents } from './events';
import { ensureImage } from './pull';
import { defaultRegistryTimeoutMs, registryDigest } from './registry-digest';

const healthTimeoutMs = 5_000;
// GET /_ping answers liveness in microseconds; GET /version costs dockerd 40–200 ms, so the
// version is asked for once, again after the engine was unreachable (a restart may be an
// upgrade), and at most this often otherwise.
const versionMaxAgeMs = 5 * 60_000;

/** ContainerRuntime over the Docker Engine API (dockerode). Errors come out as named agent errors. */
export class DockerRuntime implements ContainerRuntime {
  private readonly inspected: InspectCache;
  private engineVersion: { version: string; at: number } | undefined;

  constructor(
    private readonly docker: Docker,
    private readonly logger: Logger,
    private readonly options: { registryTimeoutMs?: number } = {},
  ) {
    this.inspected = new InspectCache(docker);
  }

  async health(): Promise<DockerHealth> {
    // A hung engine must not stall hello or heartbeats: no answer in time counts as unavailable.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`docker engine did not answer within ${healthTimeoutMs} ms`)),
        healthTimeoutMs,
      );
    });
    try {
      await Promise.race([this.docker.ping(), timeout]);
      const version = await Promise.race([this.version(), timeout]);
      return { available: true, version };
    } catch (err) {
      this.engineVersion = undefined;
      return { available: false, reason: engineMessage(err).slice(0, 500) };
    } finally {
      clearTimeout(timer);
    }
  }

  private async version(): Promise<string> {
    const known = this.engineVersion;
    if (known && Date.now() - known.at < versionMaxAgeMs) return known.version;
    const { Version } = await this.docker.version();
    this.engineVersion = { version: Version, at: Date.now() };
    return Version;
  }

  async listManaged(serverId?: string): Promise<ManagedList> {
    const label = [`${labels.managed}=true`];
    if (serverId) label.push(`${labels.serverId}=${serverId}`);
    let entries: Docker.ContainerInfo[];
    try {
      entries = await this.docker.listContainers({ all: true, filters: { label } });
    } catch (err) {
      throw wrapDockerError(err, 'listing managed containers');
    }
    const listed = entries.flatMap((entry) => {
      const info = fromListEntry(entry);
      return info ? [{ info, imageId: entry.ImageID }] : [];
    });
    const ids = listed.map((c) => c.info.id);
    const [details, imageEnv] = await Promise.all([
      // Only a complete list tells which cached containers are gone.
      this.inspected.containerDetails(ids, { complete: !serverId }),
      this.inspected.imageEnv(listed.map((c) => c.imageId)),
    ]);
    const containers = listed.map(({ info, imageId }) => {
      const d = details.get(info.id);
      return d ? withDetails(info, imageId, d, imageEnv[imageId]) : info;
    });
    return { containers, imageEnv };
  }

  async findByServerId(serverId: string): Promise<ContainerInfo[]> {
    return this.list(
      [`${labels.managed}=true`, `${labels.serverId}=${serverId}`],
      `finding server ${serverId}`,
    );
  }

  async findByName(name: string): Promise<NamedContainer | null> {
    try {
      const data = await this.docker.getContainer(name).inspect();
      const actualName = data.Name.replace(/^\//, '');
      // Inspect also matches ids and id prefixes; only an exact name counts.
      if (actualName !== name) return null;
      return {
        id: data.Id,
        name: actualName,
        serverId: data.Config.Labels?.[labels.serverId] ?? null,
      };
    } catch (err) {
      if (statusCodeOf(err) === 404) return null;
      throw wrapDockerError(err, `looking up container ${name}`);
    }
  }

  async publishedPorts(): Promise<PublishedPort[]> {
    try {
      const running = await this.docker.listContainers({ all: false });
      return running.flatMap((c) =>
        (c.Ports ?? [])
          .filter((p) => p.PublicPort)
          .map((p) => ({
            port: p.PublicPort,
            protocol: p.Type === 'udp' ? ('udp' as const) : ('tcp' as const),
            containerId: c.Id,
            containerName: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
            serverId: c.Labels?.[labels.serverId] ?? null,
          })),
      );
    } catch (err) {
      throw wrapDockerError(err, 'listing published ports');
    }
  }

  hostUdpPortInUse(port: number): Promise<boolean> {
    return isUdpPortInUse(port);
  }

  ensureImage(
    imageRef: string,
    onProgress: (progress: PullProgress) => void,
  ): Promise<'pulled' | 'local'> {
    return ensureImage(this.docker, imageRef, onProgress);
  }

  async imageInfo(ref: string): Promise<{ id: string; repoDigests: string[] } | null> {
    try {
      const info = await this.docker.getImage(ref).inspect();
      return { id: info.Id, repoDigests: info.RepoDigests ?? [] };
    } catch (err) {
      if (isEngineUnreachable(err)) throw wrapDockerError(err, `inspecting image ${ref}`);
      return null;
    }
  }

  registryDigest(imageRef: string): Promise<RegistryAnswer> {
    return registryDigest(
      this.docker,
      imageRef,
      this.options.registryTimeoutMs ?? defaultRegistryTimeoutMs,
    );
  }

  async create(def: ContainerDefinition): Promise<string> {
    const portKeys = def.udpPorts.map((port) => `${port}/udp`);
    try {
      const container = await this.docker.createContainer({
        name: def.name,
        Image: def.imageRef,
        Env: Object.entries(def.env).map(([key, value]) => `${key}=${value}`),
        Labels: def.labels,
        ExposedPorts: Object.fromEntries(portKeys.map((key) => [key, {}])),
        HostConfig: {
          PortBindings: Object.fromEntries(
            def.udpPorts.map((port) => [`${port}/udp`, [{ HostIp: '', HostPort: String(port) }]]),
          ),
          Binds: def.mounts.map((m) => `${m.hostPath}:${m.containerPath}`),
          RestartPolicy: { Name: def.restartPolicy },
        },
      });
      return container.id;
    } catch (err) {
      if (statusCodeOf(err) === 409) {
        // Lost a race with someone creating the same name after our pre-check.
        const holder = await this.findByName(def.name);
        throw new ContainerNameConflictError(`container name ${def.name} is already in use`, {
          containerId: holder?.id ?? 'unknown',
          containerName: def.name,
          serverId: holder?.serverId ?? null,
        });
      }
      throw wrapDockerError(err, `creating container ${def.name}`);
    }
  }

  async start(containerId: string): Promise<void> {
    await this.tolerating304(
      () => this.docker.getContainer(containerId).start(),
      `starting ${containerId}`,
    );
  }

  async stop(containerId: string, timeoutSeconds: number): Promise<void> {
    await this.tolerating304(
      () => this.docker.getContainer(containerId).stop({ t: timeoutSeconds }),
      `stopping ${containerId}`,
    );
  }

  async restart(containerId: string, timeoutSeconds: number): Promise<void> {
    try {
      await this.docker.getContainer(containerId).restart({ t: timeoutSeconds });
    } catch (err) {
      throw wrapDockerError(err, `restarting ${containerId}`);
    }
  }

  async remove(containerId: string): Promise<void> {
    try {
      // v: false — anonymous volumes stay; bind-mounted server data is never touched by Docker anyway.
      await this.docker.getContainer(containerId).remove({ force: true, v: false });
    } catch (err) {
      if (statusCodeOf(err) === 404) return;
      // 409 "removal already in progress" ends the same way.
      if (statusCodeOf(err) === 409 && /already in progress/i.test(engineMessage(err))) return;
      throw wrapDockerError(err, `removing ${containerId}`);
    }
  }

  async inspect(containerId: string): Promise<ContainerInfo | null> {
    try {
      return fromInspect(await this.docker.getContainer(containerId).inspect());
    } catch (err) {
      if (statusCodeOf(err) === 404) return null;
      throw wrapDockerError(err, `inspecting ${containerId}`);
    }
  }

  watchEvents(handlers: EventWatchHandlers): { stop(): void } {
    return watchContainerEvents(this.docker, handlers, this.logger);
  }

  private async list(labelFilters: string[], doing: string): Promise<ContainerInfo[]> {
    try {
      const entries = await this.docker.listContainers({
        all: true,
        filters: { label: labelFilters },
      });
      return entries.map(fromListEntry).filter((c): c is ContainerInfo => c !== null);
    } catch (err) {
      throw wrapDockerError(err, doing);
    }
  }

  /** Docker answers 304 for "already started/stopped": the outcome we wanted. */
  private async tolerating304(action: () => Promise<unknown>, doing: string): Promise<void> {
    try {
      await action();
    } catch (err) {
      if (statusCodeOf(err) === 304) return;
      throw wrapDockerError(err, doing);
    }
  }
}
