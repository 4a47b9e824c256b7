import { ImagePin, ImageResolveCommand, ImageResolveResult } from './agent-protocol-image';
import { z } from './zod';
import { EntityId, Timestamp } from './common';
import { OperationError } from './errors';
import { OperationProgress } from './http/operations';
import { Fingerprint, SnapshotId } from './http/snapshots';
import { dataPathProblem, ServerName } from './http/validation';

/**
 * Manager ↔ agent protocol: one WebSocket per agent at `agentSocketPath`, JSON text frames.
 * The agent speaks first (`hello` with its token); the manager sends nothing before it has
 * verified that token. After `welcome`, the manager sends `request`s and the agent answers each
 * with exactly one `reply` (plus any number of `progress` frames, and `reply.part` frames when the
 * command asks for its result in parts); the agent pushes
 * `container.event`, `docker.status` and `heartbeat` frames on its own.
 */
export const agentSocketPath = '/api/agent/ws';
// 2: data.check items carry a fingerprint; data.snapshot, data.restore, data.snapshot.delete and
// data.snapshot.list exist. (`image.resolve` came later without a bump: an older agent refuses it
// as INVALID_REQUEST, and the manager then answers its preview as "could not be checked".)
export const agentProtocolVersion = 2;

/** Docker engine reachability as the agent sees it. */
export const DockerHealth = z.object({
  available: z.boolean(),
  reason: z.optional(z.string().check(z.maxLength(500))),
  version: z.optional(z.string().check(z.maxLength(64))),
});
export type DockerHealth = z.infer<typeof DockerHealth>;

/** A host port binding: `hostIp` is '' for every address; `hostPort` null when not published. */
export const ContainerPortBinding = z.object({
  containerPort: z.number().check(z.int(), z.gte(0), z.lte(65535)),
  protocol: z.string().check(z.maxLength(8)),
  hostIp: z.string().check(z.maxLength(64)),
  hostPort: z.nullable(z.number().check(z.int(), z.gte(0), z.lte(65535))),
});
export type ContainerPortBinding = z.infer<typeof ContainerPortBinding>;

/** A mount: `bind` (source = host path), `volume` (source = volume name), or another Docker type. */
export const ContainerMount = z.object({
  type: z.string().check(z.maxLength(16)),
  source: z.string().check(z.maxLength(4096)),
  destination: z.string().check(z.maxLength(4096)),
});
export type ContainerMount = z.infer<typeof ContainerMount>;

/** A container the agent manages, found by its `zedops.server.id` label. */
export const ContainerInfo = z.object({
  id: z.string(),
  name: z.string(),
  serverId: z.string(),
  serverName: z.nullable(z.string()),
  /** Docker's state: created | running | paused | restarting | removing | exited | dead */
  state: z.string(),
  running: z.boolean(),
  image: z.string(),
  createdAt: Timestamp,
  // What the manager compares with the stored config (drift). Reported by `container.list`;
  // optional so an agent older than these fields still talks (its servers show no drift).
  /** Docker's id of the image the container runs (`sha256:…`). */
  imageId: z.optional(z.string().check(z.maxLength(200))),
  /** Port bindings as configured (HostConfig.PortBindings), stopped containers included. */
  ports: z.optional(z.array(ContainerPortBinding).check(z.maxLength(1000))),
  /** Bind mounts (host path) and volumes (volume name) → path inside the container. */
  mounts: z.optional(z.array(ContainerMount).check(z.maxLength(1000))),
  /**
   * The environment the container sets beyond its image's defaults (`KEY` → value); with the
   * image's own environment (`ListResult.imageEnv`) that is the whole of it.
   */
  env: z.optional(z.record(z.string(), z.string())),
  /**
   * Instead of `ports`, `mounts` and `env` when the manager asked for digests: one hash of them
   * (contract/drift-digest.ts), computed from the inspected container.
   */
  digest: z.optional(z.string().check(z.maxLength(64))),
});
export type ContainerInfo = z.infer<typeof ContainerInfo>;

export { ImagePin, ImageResolveResult } from './agent-protocol-image';

/** Everything the agent needs to build the container of docs/design.md §5. */
export const ContainerSpec = z.object({
  serverId: EntityId,
  serverName: z.string(),
  image: z.string(),
  imageTag: z.string(),
  /** Server config; the agent adds SERVER_DEFAULT_PORT, SERVER_UDP_PORT and RCON_PORT. */
  env: z.record(z.string(), z.string()),
  gamePort: z.number().check(z.int()),
  udpPort: z.number().check(z.int()),
  rconPort: z.number().check(z.int()),
  /** Effective data path; the server's files are `{dataPath}/{serverName}/{bin,data}`. */
  dataPath: z.string(),
  /**
   * Bring back exactly this image (a recreate): from the local store, else pulled by digest, else
   * IMAGE_UNAVAILABLE. Absent: pull `image:imageTag` (a first create or a rebuild).
   */
  pin: z.optional(ImagePin),
});
export type ContainerSpec = z.infer<typeof ContainerSpec>;

const DataRef = z.object({ serverId: EntityId, serverName: z.string(), dataPath: z.string() });

/** Most containers one `reply.part` frame may carry (`container.list`'s `partSize`). */
export const listPartMaxContainers = 1000;

/** Most server ids one `container.list` may name (`serverIds`); the manager asks for more in chunks. */
export const listServerIdsMax = 1000;

/** Most servers one `data.check` may carry; the manager sends bigger fleets in chunks. */
export const dataCheckMaxItems = 1000;
/**
 * Which snapshot: the agent resolves the archive itself as
 * `{snapshotRoot}/{serverName}/{snapshotId}.tar.gz`; the manager never sends a path.
 */
const SnapshotRef = z.object({
  serverId: EntityId,
  serverName: ServerName,
  snapshotId: SnapshotId,
});

export const AgentCommand = z.discriminatedUnion('name', [
  /** Create (or adopt the existing container labelled with spec.serverId) and start it. */
  z.object({
    name: z.literal('container.create'),
    spec: ContainerSpec,
    idempotencyKey: z.string(),
    /** Refuse with DATA_MISSING when `{dataPath}/{serverName}/data` is absent or empty. */
    requireData: z.boolean(),
  }),
  /** Remove every container of spec.serverId, then create and start one from spec. Data kept. */
  z.object({
    name: z.literal('container.replace'),
    spec: ContainerSpec,
    idempotencyKey: z.string(),
    requireData: z.boolean(),
  }),
  z.object({ name: z.literal('container.start'), serverId: EntityId }),
  z.object({
    name: z.literal('container.stop'),
    serverId: EntityId,
    timeoutSeconds: z.number().check(z.int(), z.gte(0), z.lte(600)),
  }),
  z.object({
    name: z.literal('container.restart'),
    serverId: EntityId,
    timeoutSeconds: z.number().check(z.int(), z.gte(0), z.lte(600)),
  }),
  /** Remove the server's containers; remove `{dataPath}/{serverName}` only when removeData. */
  z.object({ name: z.literal('container.remove'), ...DataRef.shape, removeData: z.boolean() }),
  /**
   * Every managed container (label zedops.managed=true), stopped ones included; with `serverId`,
   * only those labelled with that server id (an action's preflight needs no more).
   */
  z.object({
    name: z.literal('container.list'),
    serverId: z.optional(EntityId),
    /**
     * Send the containers in `reply.part` frames of at most this many, then the reply with the
     * rest (contract/list-parts.ts): the manager validates a big host's list frame by frame
     * instead of as one multi-megabyte frame. An agent that predates this field ignores it and
     * answers in one reply, which the manager takes as well.
     */
    partSize: z.optional(z.number().check(z.int(), z.gte(1), z.lte(listPartMaxContainers))),
    /**
     * Report each container's `digest` instead of its `ports`, `mounts` and `env`
     * (contract/drift-digest.ts); the manager asks for the details of those whose digest differs
     * from what it expects. An agent that predates this field ignores it and sends the details.
     */
    digest: z.optional(z.boolean()),
    /**
     * Only the containers labelled with one of these server ids (the details a digest did not
     * settle). Sent only to an agent that answered with digests, so one that predates it never
     * sees it.
     */
    serverIds: z.optional(z.array(EntityId).check(z.maxLength(listServerIdsMax))),
  }),
  /** Batched data check with a fingerprint of each `data/`: one round trip for many servers. */
  z.object({
    name: z.literal('data.check'),
    items: z.array(DataRef).check(z.maxLength(dataCheckMaxItems)),
  }),
  /**
   * Archive `{dataPath}/{serverName}` (bin/ excluded) as snapshot `snapshotId`, read it back and
   * answer its counts; `snapshotting` progress frames while writing. Idempotent per snapshotId.
   */
  z.object({ name: z.literal('data.snapshot'), ...DataRef.shape, snapshotId: SnapshotId }),
  /**
   * Replace the contents of `{dataPath}/{serverName}` (bin/ kept) with snapshot `snapshotId`;
   * if any step fails the previous contents are put back as they were. `restoring` progress frames.
   */
  z.object({ name: z.literal('data.restore'), ...DataRef.shape, snapshotId: SnapshotId }),
  /** Delete snapshot `snapshotId` from the agent's snapshot root; already gone is not an error. */
  z.object({ name: z.literal('data.snapshot.delete'), ...SnapshotRef.shape }),
  /** Snapshots on disk under the snapshot root, of one server name or of all (for reconcile). */
  z.object({ name: z.literal('data.snapshot.list'), serverName: z.optional(ServerName) }),
  /** What a tag would pull now, asked of the registry without pulling (a rebuild's preview). */
  ImageResolveCommand,
]);
export type AgentCommand = z.infer<typeof AgentCommand>;
export type AgentCommandName = AgentCommand['name'];

export const CreateResult = z.object({
  container: ContainerInfo,
  /** True when an existing container with this server id was returned instead of a new one. */
  adopted: z.boolean(),
  /** `local` when the registry was unreachable and a local image of the same tag was used. */
  imageSource: z.enum(['pulled', 'local', 'existing']),
  /** True when the data directories did not exist (or were empty) and were created fresh. */
  freshData: z.boolean(),
  /** The image the container runs (recorded as the server's pin). */
  image: z.optional(ImagePin),
});
export type CreateResult = z.infer<typeof CreateResult>;

export const ContainerResult = z.object({ container: ContainerInfo });
export const RemoveResult = z.object({
  removedContainerIds: z.array(z.string()),
  dataRemoved: z.boolean(),
});
/**
 * The default environment of each image the listed containers run, by image id (few images,
 * many containers: sent once each). An image the agent could not inspect is absent, and its
 * containers' `env` is then their whole environment.
 */
const ImageEnvs = z.record(z.string(), z.record(z.string(), z.string()));

// The schemas validated by the thousand (a host's list, its data checks, every request the agent
// takes) are compiled: `z.compile` gives the same schema — the same rules, output and issues; a
// value its generated fast path refuses is parsed again by the ordinary one — several times
// faster than zod/mini's interpreted objects (docs/decisions/0095-compiled-list-schemas.md).
export const ListResult = z.compile(
  z.object({
    containers: z.array(ContainerInfo),
    imageEnv: z.optional(ImageEnvs),
    /** How many `reply.part` frames came before this reply (their containers precede these). */
    parts: z.optional(z.number().check(z.int(), z.nonnegative())),
  }),
);
export type ListResult = z.infer<typeof ListResult>;
/** One `reply.part` of a `container.list`: the next containers of the listing. */
export const ListPart = z.compile(
  z.object({
    containers: z.array(ContainerInfo).check(z.maxLength(listPartMaxContainers)),
    /**
     * The images' environments, in the first part too (the reply still carries them), so the
     * manager can compare each part's containers with their configs as it arrives.
     */
    imageEnv: z.optional(ImageEnvs),
  }),
);
export type ListPart = z.infer<typeof ListPart>;

export const DataCheckItem = z.object({
  serverId: EntityId,
  /** `{dataPath}/{name}/data` exists and is not empty. */
  dataExists: z.boolean(),
  binExists: z.boolean(),
  /** `.zedops-server-id` holds this id (match), another id (mismatch) or is absent. */
  marker: z.enum(['match', 'mismatch', 'absent']),
  /** Measure of `data/`; null when `data/` does not exist (an empty one gives zeros). */
  fingerprint: z.nullable(Fingerprint),
  checkedAt: Timestamp,
});
export type DataCheckItem = z.infer<typeof DataCheckItem>;
export const DataCheckResult = z.compile(z.object({ results: z.array(DataCheckItem) }));

/** A snapshot written and read back by the agent. */
export const SnapshotResult = z.object({
  snapshotId: SnapshotId,
  /** Where the archive lives on the agent's host (for display and support; never sent back). */
  path: z.string(),
  /** The archive's size on disk. */
  sizeBytes: z.number().check(z.int(), z.nonnegative()),
  /** Regular files in the archive. */
  fileCount: z.number().check(z.int(), z.nonnegative()),
  /** Sum of the sizes of those files (uncompressed). */
  totalBytes: z.number().check(z.int(), z.nonnegative()),
  /** The archive read back complete: same entries and bytes as were written. */
  verified: z.boolean(),
  createdAt: Timestamp,
});
export type SnapshotResult = z.infer<typeof SnapshotResult>;

export const RestoreResult = z.object({
  snapshotId: SnapshotId,
  /** Regular files and their bytes now in `{dataPath}/{serverName}` (bin/ excluded). */
  fileCount: z.number().check(z.int(), z.nonnegative()),
  totalBytes: z.number().check(z.int(), z.nonnegative()),
  /** Fingerprint of `data/` after the restore. */
  fingerprint: z.nullable(Fingerprint),
});
export type RestoreResult = z.infer<typeof RestoreResult>;

export const SnapshotDeleteResult = z.object({ deleted: z.boolean() });

/** One archive found on disk; counts are null when its manifest is missing or unreadable. */
export const SnapshotOnDisk = z.object({
  snapshotId: SnapshotId,
  serverName: ServerName,
  /** From the manifest written next to the archive; null when there is none. */
  serverId: z.nullable(EntityId),
  sizeBytes: z.number().check(z.int(), z.nonnegative()),
  fileCount: z.nullable(z.number().check(z.int(), z.nonnegative())),
  totalBytes: z.nullable(z.number().check(z.int(), z.nonnegative())),
  createdAt: Timestamp,
});
export type SnapshotOnDisk = z.infer<typeof SnapshotOnDisk>;
export const SnapshotListResult = z.object({ snapshots: z.array(SnapshotOnDisk) });

/** Result schema for each command, used by the manager to validate replies. */
export const commandResultSchemas = {
  'container.create': CreateResult,
  'container.replace': CreateResult,
  'container.start': ContainerResult,
  'container.stop': ContainerResult,
  'container.restart': ContainerResult,
  'container.remove': RemoveResult,
  'container.list': ListResult,
  'data.check': DataCheckResult,
  'data.snapshot': SnapshotResult,
  'data.restore': RestoreResult,
  'data.snapshot.delete': SnapshotDeleteResult,
  'data.snapshot.list': SnapshotListResult,
  'image.resolve': ImageResolveResult,
} as const satisfies Record<AgentCommandName, z.ZodMiniType>;

export type CommandResult<N extends AgentCommandName> = z.infer<(typeof commandResultSchemas)[N]>;

// ── agent → manager ──────────────────────────────────────────────────────────

/**
 * Largest hello frame (UTF-8 JSON text) the manager reads: before a socket has authenticated it
 * reads this one frame and no more. Every field below at its maximum length in 3-byte characters
 * comes to about 5 KiB.
 */
export const agentHelloMaxBytes = 8 * 1024;

export const HelloFrame = z.object({
  type: z.literal('hello'),
  /** Registration token, or the credential a previous `welcome` handed out. */
  token: z.string().check(z.minLength(1), z.maxLength(512)),
  protocolVersion: z.number().check(z.int()),
  agentVersion: z.string().check(z.maxLength(64)),
  hostname: z.string().check(z.maxLength(255)),
  /**
   * The agent's own default data path (ZEDOPS_SERVER_DATA_PATH), if it has one. Checked by the
   * manager like any data path: a relative or system path is a `rejected` BAD_HELLO.
   */
  defaultDataPath: z.nullable(z.string().check(z.maxLength(255))),
  /**
   * Every root the agent mounts server folders under: its default data path plus each
   * `--allowed-root`. The agent refuses folders outside them whatever the manager asks.
   * Optional so an agent older than this field still connects (it then declares only its default).
   */
  allowedRoots: z.optional(z.array(z.string().check(z.maxLength(255))).check(z.maxLength(64))),
  docker: DockerHealth,
});

/**
 * Why a hello's data paths are refused, or null: the default data path and every declared root
 * must be absolute, normalised and not a system directory. The agent checks its own config with
 * this before connecting; the manager answers a bad one with `rejected` BAD_HELLO.
 */
export function helloDataPathProblem(
  hello: Pick<z.infer<typeof HelloFrame>, 'defaultDataPath' | 'allowedRoots'>,
): string | null {
  const named: [string, string][] = [
    ...(hello.defaultDataPath !== null
      ? [['default data path', hello.defaultDataPath] as [string, string]]
      : []),
    ...(hello.allowedRoots ?? []).map((root): [string, string] => ['allowed root', root]),
  ];
  for (const [what, path] of named) {
    const problem = dataPathProblem(path);
    if (problem) return `${what} "${path}" refused: ${problem}`;
  }
  return null;
}

export const ReplyFrame = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('reply'), id: z.string(), ok: z.literal(true), result: z.unknown() }),
  z.object({
    type: z.literal('reply'),
    id: z.string(),
    ok: z.literal(false),
    error: OperationError,
  }),
]);
export type ReplyFrame = z.infer<typeof ReplyFrame>;

/** Part of a request's result, before its reply; only for commands that ask for parts. */
export const ReplyPartFrame = z.object({
  type: z.literal('reply.part'),
  id: z.string(),
  result: z.unknown(),
});
export type ReplyPartFrame = z.infer<typeof ReplyPartFrame>;

export const ProgressFrame = z.object({
  type: z.literal('progress'),
  id: z.string(),
  progress: OperationProgress,
});

export const ContainerEventFrame = z.object({
  type: z.literal('container.event'),
  action: z.enum(['create', 'start', 'stop', 'die', 'destroy']),
  containerId: z.string(),
  serverId: z.string(),
  serverName: z.nullable(z.string()),
  at: Timestamp,
});
export type ContainerEventFrame = z.infer<typeof ContainerEventFrame>;

export const HeartbeatFrame = z.object({
  type: z.literal('heartbeat'),
  at: Timestamp,
  docker: DockerHealth,
});
export const DockerStatusFrame = z.object({
  type: z.literal('docker.status'),
  docker: DockerHealth,
});

export const AgentToManagerFrame = z.union([
  HelloFrame,
  ReplyFrame,
  ReplyPartFrame,
  ProgressFrame,
  ContainerEventFrame,
  HeartbeatFrame,
  DockerStatusFrame,
]);
export type AgentToManagerFrame = z.infer<typeof AgentToManagerFrame>;

// ── manager → agent ──────────────────────────────────────────────────────────

export const WelcomeFrame = z.object({
  type: z.literal('welcome'),
  agentId: EntityId,
  agentName: z.string(),
  heartbeatIntervalMs: z.number().check(z.int(), z.positive()),
  /** When present, the agent stores it (mode 0600) and presents it instead of the registration token. */
  credential: z.optional(z.string()),
});

export const RejectedFrame = z.object({
  type: z.literal('rejected'),
  code: z.enum(['INVALID_TOKEN', 'PROTOCOL_MISMATCH', 'BAD_HELLO']),
  message: z.string(),
});

export const RequestFrame = z.compile(
  z.object({
    type: z.literal('request'),
    id: z.string(),
    /** The operation this request serves, so a late reply can still be recorded against it. */
    operationId: z.optional(EntityId),
    command: AgentCommand,
  }),
);
export type RequestFrame = z.infer<typeof RequestFrame>;

export const ManagerToAgentFrame = z.discriminatedUnion('type', [
  WelcomeFrame,
  RejectedFrame,
  RequestFrame,
]);
export type ManagerToAgentFrame = z.infer<typeof ManagerToAgentFrame>;

/** WebSocket close codes used by the manager. */
export const agentCloseCodes = {
  invalidToken: 4401,
  replaced: 4409,
  helloTimeout: 4408,
  badFrame: 4400,
  /** The manager cannot accept the hello right now (its storage is unavailable): reconnect later. */
  tryAgainLater: 1013,
} as const;
