import { createHash, randomBytes } from 'node:crypto';
import type { ContainerInfo, DockerHealth } from '@contract/agent-protocol';
import {
  ContainerNameConflictError,
  DockerError,
  DockerUnavailableError,
  ImagePullError,
} from '../errors';
import type {
  ContainerDefinition,
  ContainerEvent,
  ContainerRuntime,
  EventWatchHandlers,
  ManagedList,
  NamedContainer,
  PublishedPort,
  PullProgress,
  RegistryAnswer,
} from '../runtime/container-runtime';
import { labels } from '../runtime/labels';
import { FakeImages } from './fake-images';

/** A container as the fake engine keeps it: its definition plus state. */
export interface FakeContainer extends Omit<ContainerDefinition, 'restartPolicy'> {
  id: string;
  imageId: string;
  running: boolean;
  state: 'created' | 'running' | 'exited';
  createdAt: string;
  /**
   * Rewrites what the engine reports about this container (listings and inspect): a container
   * changed behind the agent's back in ways the fields above do not model (a host address on a
   * binding, details an older agent would not send).
   */
  reportAs?: (reported: ContainerInfo) => ContainerInfo;
}

/**
 * ContainerRuntime in memory: containers, images, a registry, host ports held by other
 * processes, events, and the engine going down and up. Held to DockerRuntime's contract by
 * runtime-contract.ts; tests set the scene through the public fields and helpers.
 */
export class FakeRuntime implements ContainerRuntime {
  readonly containers = new Map<string, FakeContainer>();
  readonly images = new FakeImages();
  /** Host UDP ports another process holds. */
  readonly heldPorts = new Set<number>();
  /** Image ids whose containers fail to start (a broken entrypoint). */
  readonly unstartable = new Set<string>();
  /** Called as each container starts (a game server writing its world, in a test). */
  onStart?: (container: FakeContainer) => void;
  private downReason: string | null = null;
  private readonly watchers = new Set<EventWatchHandlers>();

  /** A container nobody asked ZedOps for (`docker run --name … -p …/udp`). */
  addForeign(
    name: string,
    options: { udpPorts?: number[]; running?: boolean } = {},
  ): FakeContainer {
    const running = options.running ?? true;
    const c: FakeContainer = {
      id: hex(`${name}:${randomBytes(8).toString('hex')}`),
      name,
      imageRef: 'busybox:latest',
      imageId: `sha256:${hex('busybox')}`,
      env: {},
      labels: {},
      udpPorts: options.udpPorts ?? [],
      mounts: [],
      running,
      state: running ? 'running' : 'exited',
      createdAt: new Date().toISOString(),
    };
    this.containers.set(c.id, c);
    return c;
  }

  /** The engine stops answering; watchers hear the stream go down. */
  goDown(reason = 'connect ECONNREFUSED /var/run/docker.sock'): void {
    this.downReason = reason;
    for (const w of this.watchers) w.onStreamDown(`docker event stream failed: ${reason}`);
  }

  goUp(): void {
    this.downReason = null;
    for (const w of this.watchers) w.onStreamUp();
  }

  async health(): Promise<DockerHealth> {
    return this.downReason
      ? { available: false, reason: this.downReason }
      : { available: true, version: 'fake' };
  }

  async listManaged(serverId?: string): Promise<ManagedList> {
    this.reachable('listing managed containers');
    const imageEnv: Record<string, Record<string, string>> = {};
    const containers = this.managed(serverId).map((c) => {
      imageEnv[c.imageId] = this.images.local.get(c.imageId)?.env ?? {};
      return this.describe(c);
    });
    return { containers, imageEnv };
  }

  /**
   * A container as a listing reports it: with image id, bindings, mounts and env beyond the
   * image's. Built field by field (a bench lists thousands of these on every pass).
   */
  describe(c: FakeContainer): ContainerInfo {
    const defaults = this.images.local.get(c.imageId)?.env ?? {};
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(c.env)) if (defaults[k] !== v) env[k] = v;
    const described = info(c);
    described.imageId = c.imageId;
    described.ports = c.udpPorts.map((port) => ({
      containerPort: port,
      protocol: 'udp',
      hostIp: '',
      hostPort: port,
    }));
    described.mounts = c.mounts.map((m) => ({
      type: 'bind',
      source: m.hostPath,
      destination: m.containerPath,
    }));
    described.env = env;
    return reported(c, described);
  }

  async findByServerId(serverId: string): Promise<ContainerInfo[]> {
    this.reachable(`finding server ${serverId}`);
    return this.managed(serverId).map((c) => reported(c, info(c)));
  }

  async findByName(name: string): Promise<NamedContainer | null> {
    this.reachable(`looking up container ${name}`);
    const c = [...this.containers.values()].find((x) => x.name === name);
    return c ? { id: c.id, name, serverId: c.labels[labels.serverId] ?? null } : null;
  }

  async publishedPorts(): Promise<PublishedPort[]> {
    this.reachable('listing published ports');
    return [...this.containers.values()]
      .filter((c) => c.running)
      .flatMap((c) =>
        c.udpPorts.map((port) => ({
          port,
          protocol: 'udp' as const,
          containerId: c.id,
          containerName: c.name,
          serverId: c.labels[labels.serverId] ?? null,
        })),
      );
  }

  async hostUdpPortInUse(port: number): Promise<boolean> {
    return (
      this.heldPorts.has(port) ||
      [...this.containers.values()].some((c) => c.running && c.udpPorts.includes(port))
    );
  }

  async ensureImage(
    imageRef: string,
    onProgress: (p: PullProgress) => void,
  ): Promise<'pulled' | 'local'> {
    onProgress({ message: `Pulling ${imageRef}` });
    this.reachable(`pulling ${imageRef}`);
    if (this.images.pull(imageRef)) {
      onProgress({ message: `Pulled ${imageRef}`, percent: 100 });
      return 'pulled';
    }
    const registryMessage = `manifest for ${imageRef} not found`;
    if (this.images.resolve(imageRef)) {
      onProgress({
        message: `Pull of ${imageRef} failed (${registryMessage}); using the local image of the same tag`,
      });
      return 'local';
    }
    throw new ImagePullError(
      `could not pull ${imageRef} and no local copy exists: ${registryMessage}`,
      {
        image: imageRef,
        registryMessage,
      },
    );
  }

  async imageInfo(ref: string): Promise<{ id: string; repoDigests: string[] } | null> {
    this.reachable(`inspecting image ${ref}`);
    const image = this.images.resolve(ref);
    return image ? { id: image.id, repoDigests: image.repoDigests } : null;
  }

  async registryDigest(imageRef: string): Promise<RegistryAnswer> {
    this.reachable(`asking about ${imageRef}`);
    return this.images.remote(imageRef);
  }

  async create(def: ContainerDefinition): Promise<string> {
    this.reachable(`creating container ${def.name}`);
    const holder = await this.findByName(def.name);
    if (holder) {
      throw new ContainerNameConflictError(`container name ${def.name} is already in use`, {
        containerId: holder.id,
        containerName: def.name,
        serverId: holder.serverId,
      });
    }
    const image = this.images.resolve(def.imageRef);
    if (!image)
      throw engineError(`creating container ${def.name}`, `No such image: ${def.imageRef}`, 404);
    const { restartPolicy: _, ...rest } = def;
    const c: FakeContainer = {
      ...rest,
      env: { ...image.env, ...def.env },
      id: hex(`${def.name}:${randomBytes(8).toString('hex')}`),
      imageId: image.id,
      running: false,
      state: 'created',
      createdAt: new Date().toISOString(),
    };
    this.containers.set(c.id, c);
    this.emit('create', c);
    return c.id;
  }

  async start(containerId: string): Promise<void> {
    const c = this.existing(containerId, `starting ${containerId}`);
    if (c.running) return;
    if (this.unstartable.has(c.imageId))
      throw engineError(
        `starting ${containerId}`,
        'exec: "/entrypoint.sh": no such file or directory',
        400,
      );
    for (const port of c.udpPorts) {
      if (await this.hostUdpPortInUse(port))
        throw engineError(
          `starting ${containerId}`,
          `Bind for 0.0.0.0:${port} failed: port is already allocated`,
          500,
        );
    }
    Object.assign(c, { running: true, state: 'running' });
    this.onStart?.(c);
    this.emit('start', c);
  }

  async stop(containerId: string, _timeoutSeconds: number): Promise<void> {
    const c = this.existing(containerId, `stopping ${containerId}`);
    if (!c.running) return;
    Object.assign(c, { running: false, state: 'exited' });
    this.emit('die', c);
    this.emit('stop', c);
  }

  async restart(containerId: string, timeoutSeconds: number): Promise<void> {
    await this.stop(containerId, timeoutSeconds);
    await this.start(containerId);
  }

  async remove(containerId: string): Promise<void> {
    this.reachable(`removing ${containerId}`);
    const c = this.containers.get(containerId);
    if (!c) return;
    if (c.running) this.emit('die', c);
    this.containers.delete(containerId);
    this.emit('destroy', c);
  }

  async inspect(containerId: string): Promise<ContainerInfo | null> {
    this.reachable(`inspecting ${containerId}`);
    const c = this.containers.get(containerId);
    return c && c.labels[labels.serverId] ? reported(c, info(c)) : null;
  }

  watchEvents(handlers: EventWatchHandlers): { stop(): void } {
    this.watchers.add(handlers);
    queueMicrotask(() => {
      if (!this.watchers.has(handlers)) return;
      if (this.downReason) handlers.onStreamDown(`docker event stream failed: ${this.downReason}`);
      else handlers.onStreamUp();
    });
    return { stop: () => void this.watchers.delete(handlers) };
  }

  private managed(serverId?: string): FakeContainer[] {
    return [...this.containers.values()].filter(
      (c) =>
        c.labels[labels.managed] === 'true' &&
        c.labels[labels.serverId] &&
        (serverId === undefined || c.labels[labels.serverId] === serverId),
    );
  }

  private existing(containerId: string, doing: string): FakeContainer {
    this.reachable(doing);
    const c = this.containers.get(containerId);
    if (!c) throw engineError(doing, `No such container: ${containerId}`, 404);
    return c;
  }

  private reachable(doing: string): void {
    if (this.downReason)
      throw new DockerUnavailableError(
        `docker engine unreachable while ${doing}: ${this.downReason}`,
      );
  }

  /** Events reach watchers later, as Docker's stream does: nobody may rely on them being synchronous. */
  private emit(action: ContainerEvent['action'], c: FakeContainer): void {
    const serverId = c.labels[labels.serverId];
    if (c.labels[labels.managed] !== 'true' || !serverId) return;
    const event: ContainerEvent = {
      action,
      containerId: c.id,
      serverId,
      serverName: c.labels[labels.serverName] ?? null,
      at: new Date().toISOString(),
    };
    const watchers = [...this.watchers];
    queueMicrotask(() => watchers.forEach((w) => w.onEvent(event)));
  }
}

function info(c: FakeContainer): ContainerInfo {
  return {
    id: c.id,
    name: c.name,
    serverId: c.labels[labels.serverId]!,
    serverName: c.labels[labels.serverName] ?? null,
    state: c.state,
    running: c.running,
    image: c.imageRef,
    createdAt: c.createdAt,
  };
}

const reported = (c: FakeContainer, as: ContainerInfo) => (c.reportAs ? c.reportAs(as) : as);

function engineError(doing: string, message: string, statusCode: number): DockerError {
  return new DockerError(`docker: ${doing}: ${message}`, { statusCode });
}

const hex = (s: string) => createHash('sha256').update(s).digest('hex');
