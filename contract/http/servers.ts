import { z } from '../zod';
import { EntityId, Timestamp } from '../common';
import { AgentStatus } from './agents';
import { Operation } from './operations';
import { Fingerprint, SnapshotRetention } from './snapshots';
import { DataPath, ImageName, ImageTag, Port, ServerConfig, ServerName } from './validation';

export const ServerStatus = z.enum([
  'creating',
  'running',
  'stopped',
  'missing',
  'failed',
  'deleted',
]);
export type ServerStatus = z.infer<typeof ServerStatus>;

/**
 * One difference between a server's container and what its stored config builds
 * (docs/design.md §3.5). Values of secret-looking env keys are never carried (`secretMask`).
 */
export const DriftItem = z.object({
  /** `image`, `name`, `ports`, `mounts`, or `env.KEY` for one environment variable. */
  field: z.string(),
  /** What the stored config builds; null when the config sets nothing there. */
  expected: z.nullable(z.string()),
  /** What the container has; null when it has nothing there. */
  actual: z.nullable(z.string()),
});
export type DriftItem = z.infer<typeof DriftItem>;

export const Server = z.object({
  id: EntityId,
  agentId: EntityId,
  name: z.string(),
  status: ServerStatus,
  containerId: z.nullable(z.string()),
  /** null = the agent's default image. */
  image: z.nullable(z.string()),
  imageTag: z.string(),
  config: z.record(z.string(), z.string()),
  gamePort: z.number().check(z.int()),
  udpPort: z.number().check(z.int()),
  rconPort: z.number().check(z.int()),
  /** null = the agent's default data path. */
  serverDataPath: z.nullable(z.string()),
  /** `serverDataPath ?? agent.serverDataPath`; the server's files live in `{effectiveDataPath}/{name}`. */
  effectiveDataPath: z.nullable(z.string()),
  /** Last data check: true/false, or null when never checked. */
  dataExists: z.nullable(z.boolean()),
  dataCheckedAt: z.nullable(Timestamp),
  autoRecreate: z.boolean(),
  deletedAt: z.nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  agentStatus: AgentStatus,
  activeOperation: z.nullable(Operation),
  /** The image id the container last ran healthy with (a recreate brings back exactly it), or null. */
  imageId: z.nullable(z.string()),
  /** Its registry digest, or null (a locally built image has none). */
  imageDigest: z.nullable(z.string()),
  /**
   * The last fingerprint of the world taken while the server ran, or at its last clean stop (a
   * fingerprint that diverged from it never replaces it silently); null before the first one.
   */
  healthyFingerprint: z.nullable(Fingerprint),
  /** How many automatic snapshots are kept (manual ones are never dropped). */
  snapshotRetention: z.number().check(z.int()),
  /** How the container differs from the stored config; empty when it matches or there is none. */
  drift: z.array(DriftItem),
});
export type Server = z.infer<typeof Server>;

/** POST /api/agents/:agentId/servers */
export const CreateServerRequest = z.strictObject({
  name: ServerName,
  image: z.optional(ImageName),
  imageTag: ImageTag,
  config: z.optional(ServerConfig),
  gamePort: z.optional(Port),
  udpPort: z.optional(Port),
  rconPort: z.optional(Port),
  serverDataPath: z.optional(DataPath),
  autoRecreate: z.optional(z.boolean()),
});
export type CreateServerRequest = z.infer<typeof CreateServerRequest>;

/** PATCH /api/agents/:agentId/servers/:serverId — settings applied to the next (re)create. */
export const UpdateServerRequest = z.strictObject({
  autoRecreate: z.optional(z.boolean()),
  image: z.optional(z.nullable(ImageName)),
  imageTag: z.optional(ImageTag),
  config: z.optional(ServerConfig),
  snapshotRetention: z.optional(SnapshotRetention),
});
export type UpdateServerRequest = z.infer<typeof UpdateServerRequest>;

/** Lifecycle actions posted to `/api/agents/:agentId/servers/:serverId/{action}`. */
export const ServerAction = z.enum(['start', 'stop', 'restart', 'rebuild', 'recreate', 'restore']);
export type ServerAction = z.infer<typeof ServerAction>;

/** Body of a lifecycle action (may be empty). */
export const ServerActionRequest = z.strictObject({
  allowFreshStart: z.optional(z.boolean()),
  /** Go ahead although the world diverged from its last healthy fingerprint (DATA_DIVERGED). */
  allowDataDivergence: z.optional(z.boolean()),
});
export type ServerActionRequest = z.infer<typeof ServerActionRequest>;

/** 202 reply to create, actions, delete and purge. `queued` when the agent is offline. */
export const ServerActionResponse = z.object({
  server: Server,
  operation: Operation,
  queued: z.optional(z.boolean()),
});
export type ServerActionResponse = z.infer<typeof ServerActionResponse>;

/** Query of DELETE …/purge */
export const PurgeQuery = z.strictObject({
  removeData: z.optional(z.enum(['true', 'false'])),
  /** Also delete the server's snapshots (kept by default, even when the data goes). */
  removeSnapshots: z.optional(z.enum(['true', 'false'])),
});

/** GET /api/servers, GET /api/agents/:agentId/servers, POST …/servers/sync */
export const ListServersResponse = z.object({ servers: z.array(Server) });
export type ListServersResponse = z.infer<typeof ListServersResponse>;

/** GET /api/servers/:serverId */
export const ServerResponse = z.object({ server: Server });
export type ServerResponse = z.infer<typeof ServerResponse>;

/** GET …/check-data: live when the agent answered, cached when it is offline. */
export const CheckDataResponse = z.object({
  dataExists: z.nullable(z.boolean()),
  checkedAt: z.nullable(Timestamp),
  source: z.enum(['live', 'cached']),
  /** The world as measured now (null when `data/` is absent, or the answer is cached). */
  fingerprint: z.nullable(Fingerprint),
});
export type CheckDataResponse = z.infer<typeof CheckDataResponse>;

export const ServerIdParams = z.object({ agentId: EntityId, serverId: EntityId });
