import { z } from 'zod';
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
  expected: z.string().nullable(),
  /** What the container has; null when it has nothing there. */
  actual: z.string().nullable(),
});
export type DriftItem = z.infer<typeof DriftItem>;

export const Server = z.object({
  id: EntityId,
  agentId: EntityId,
  name: z.string(),
  status: ServerStatus,
  containerId: z.string().nullable(),
  /** null = the agent's default image. */
  image: z.string().nullable(),
  imageTag: z.string(),
  config: z.record(z.string(), z.string()),
  gamePort: z.number().int(),
  udpPort: z.number().int(),
  rconPort: z.number().int(),
  /** null = the agent's default data path. */
  serverDataPath: z.string().nullable(),
  /** `serverDataPath ?? agent.serverDataPath`; the server's files live in `{effectiveDataPath}/{name}`. */
  effectiveDataPath: z.string().nullable(),
  /** Last data check: true/false, or null when never checked. */
  dataExists: z.boolean().nullable(),
  dataCheckedAt: Timestamp.nullable(),
  autoRecreate: z.boolean(),
  deletedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  agentStatus: AgentStatus,
  activeOperation: Operation.nullable(),
  /** The image id the container last ran healthy with (a recreate brings back exactly it), or null. */
  imageId: z.string().nullable(),
  /** Its registry digest, or null (a locally built image has none). */
  imageDigest: z.string().nullable(),
  /**
   * The last fingerprint of the world taken while the server ran, or at its last clean stop (a
   * fingerprint that diverged from it never replaces it silently); null before the first one.
   */
  healthyFingerprint: Fingerprint.nullable(),
  /** How many automatic snapshots are kept (manual ones are never dropped). */
  snapshotRetention: z.number().int(),
  /** How the container differs from the stored config; empty when it matches or there is none. */
  drift: z.array(DriftItem),
});
export type Server = z.infer<typeof Server>;

/** POST /api/agents/:agentId/servers */
export const CreateServerRequest = z.strictObject({
  name: ServerName,
  image: ImageName.optional(),
  imageTag: ImageTag,
  config: ServerConfig.optional(),
  gamePort: Port.optional(),
  udpPort: Port.optional(),
  rconPort: Port.optional(),
  serverDataPath: DataPath.optional(),
  autoRecreate: z.boolean().optional(),
});
export type CreateServerRequest = z.infer<typeof CreateServerRequest>;

/** PATCH /api/agents/:agentId/servers/:serverId — settings applied to the next (re)create. */
export const UpdateServerRequest = z.strictObject({
  autoRecreate: z.boolean().optional(),
  image: ImageName.nullable().optional(),
  imageTag: ImageTag.optional(),
  config: ServerConfig.optional(),
  snapshotRetention: SnapshotRetention.optional(),
});
export type UpdateServerRequest = z.infer<typeof UpdateServerRequest>;

/** Lifecycle actions posted to `/api/agents/:agentId/servers/:serverId/{action}`. */
export const ServerAction = z.enum(['start', 'stop', 'restart', 'rebuild', 'recreate', 'restore']);
export type ServerAction = z.infer<typeof ServerAction>;

/** Body of a lifecycle action (may be empty). */
export const ServerActionRequest = z.strictObject({
  allowFreshStart: z.boolean().optional(),
  /** Go ahead although the world diverged from its last healthy fingerprint (DATA_DIVERGED). */
  allowDataDivergence: z.boolean().optional(),
});
export type ServerActionRequest = z.infer<typeof ServerActionRequest>;

/** 202 reply to create, actions, delete and purge. `queued` when the agent is offline. */
export const ServerActionResponse = z.object({
  server: Server,
  operation: Operation,
  queued: z.boolean().optional(),
});
export type ServerActionResponse = z.infer<typeof ServerActionResponse>;

/** Query of DELETE …/purge */
export const PurgeQuery = z.strictObject({
  removeData: z.enum(['true', 'false']).optional(),
  /** Also delete the server's snapshots (kept by default, even when the data goes). */
  removeSnapshots: z.enum(['true', 'false']).optional(),
});

/** GET /api/servers, GET /api/agents/:agentId/servers, POST …/servers/sync */
export const ListServersResponse = z.object({ servers: z.array(Server) });
export type ListServersResponse = z.infer<typeof ListServersResponse>;

/** GET /api/servers/:serverId */
export const ServerResponse = z.object({ server: Server });
export type ServerResponse = z.infer<typeof ServerResponse>;

/** GET …/check-data: live when the agent answered, cached when it is offline. */
export const CheckDataResponse = z.object({
  dataExists: z.boolean().nullable(),
  checkedAt: Timestamp.nullable(),
  source: z.enum(['live', 'cached']),
  /** The world as measured now (null when `data/` is absent, or the answer is cached). */
  fingerprint: Fingerprint.nullable(),
});
export type CheckDataResponse = z.infer<typeof CheckDataResponse>;

export const ServerIdParams = z.object({ agentId: EntityId, serverId: EntityId });
