import type { ContainerEventFrame, ContainerInfo, DockerHealth } from '@contract/agent-protocol';

/** A fully resolved container to create: the docs/design.md §5 spec already applied by the domain layer. */
export interface ContainerDefinition {
  name: string;
  /** `{image}:{tag}` */
  imageRef: string;
  env: Record<string, string>;
  labels: Record<string, string>;
  /** Published as hostPort:hostPort/udp. */
  udpPorts: number[];
  mounts: { hostPath: string; containerPath: string }[];
  restartPolicy: 'unless-stopped';
}

/** A container found by exact name, whether ours or not. */
export interface NamedContainer {
  id: string;
  name: string;
  serverId: string | null;
}

/** A host port published by a running container. */
export interface PublishedPort {
  port: number;
  protocol: 'udp' | 'tcp';
  containerId: string;
  containerName: string;
  serverId: string | null;
}

export interface PullProgress {
  message: string;
  percent?: number;
  current?: number;
  total?: number;
}

export type ContainerEvent = Omit<ContainerEventFrame, 'type'>;

/** The managed containers, and each image's default environment by image id. */
export interface ManagedList {
  containers: ContainerInfo[];
  imageEnv: Record<string, Record<string, string>>;
}

/** What a registry said about a tag: its manifest digest, or why it could not say. */
export type RegistryAnswer = { digest: string } | { digest: null; reason: string };

export interface EventWatchHandlers {
  onEvent(event: ContainerEvent): void;
  /** The event stream broke (dockerd gone?); the runtime keeps retrying on its own. */
  onStreamDown(reason: string): void;
  /** The event stream is (re)established. */
  onStreamUp(): void;
}

/** Docker as the agent needs it. Only runtime/docker/ implements this; the protocol never sees Docker. */
export interface ContainerRuntime {
  /** Whether the engine answers, and its version. Never throws. */
  health(): Promise<DockerHealth>;
  /**
   * Every container labelled zedops.managed=true (or only `serverId`'s), stopped ones included,
   * with the details drift needs (image id, bindings, mounts, env) and the default env of the
   * images they run.
   */
  listManaged(serverId?: string): Promise<ManagedList>;
  /** Managed containers labelled with this server id (normally zero or one). */
  findByServerId(serverId: string): Promise<ContainerInfo[]>;
  /** The container with exactly this name, ours or a stranger's, or null. */
  findByName(name: string): Promise<NamedContainer | null>;
  /** Host ports currently published by running containers. */
  publishedPorts(): Promise<PublishedPort[]>;
  /**
   * Whether host UDP `port` is already held on this host (by any process), so publishing it
   * would fail. Ports of our own containers count too: callers filter those with publishedPorts.
   */
  hostUdpPortInUse(port: number): Promise<boolean>;
  /** Pull the image (streaming progress); fall back to a local copy when the pull fails. */
  ensureImage(
    imageRef: string,
    onProgress: (progress: PullProgress) => void,
  ): Promise<'pulled' | 'local'>;
  /** The local image `ref` (a name:tag, name@digest or image id) names, or null when absent. */
  imageInfo(ref: string): Promise<{ id: string; repoDigests: string[] } | null>;
  /**
   * The manifest digest the registry serves for `imageRef` (`name:tag`) now, asked without
   * pulling. An unreachable registry, an unknown tag or no answer within a bounded time is an
   * answer (digest null, with the reason); only an unreachable engine throws.
   */
  registryDigest(imageRef: string): Promise<RegistryAnswer>;
  /** Create (not start) a container; returns its id. */
  create(definition: ContainerDefinition): Promise<string>;
  /** Start a container; already running is fine. */
  start(containerId: string): Promise<void>;
  /** Stop with SIGTERM, then SIGKILL after timeoutSeconds; already stopped is fine. */
  stop(containerId: string, timeoutSeconds: number): Promise<void>;
  /** Restart (stop with timeout, then start). */
  restart(containerId: string, timeoutSeconds: number): Promise<void>;
  /** Force-remove a container (never its bind-mounted data); already gone is fine. */
  remove(containerId: string): Promise<void>;
  /** Current state of one managed container, or null when it is gone. */
  inspect(containerId: string): Promise<ContainerInfo | null>;
  /** Follow container create/start/stop/die/destroy of managed containers, re-subscribing after dockerd restarts. */
  watchEvents(handlers: EventWatchHandlers): { stop(): void };
}
