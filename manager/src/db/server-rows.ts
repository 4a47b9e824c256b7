import type { DriftItem, ServerStatus } from '@contract/http/servers';
import type { Fingerprint } from '@contract/http/snapshots';
import { compareNamesThenIds } from '@contract/name-order';

/** A stored server as the domain sees it (camelCase, booleans and the config parsed). */
export interface ServerRecord {
  id: string;
  agentId: string;
  name: string;
  status: ServerStatus;
  containerId: string | null;
  image: string | null;
  imageTag: string;
  config: Record<string, string>;
  gamePort: number;
  udpPort: number;
  rconPort: number;
  serverDataPath: string | null;
  /** null: never checked. */
  dataExists: boolean | null;
  dataCheckedAt: string | null;
  autoRecreate: boolean;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The image the container last ran healthy with (a recreate's pin), or null. */
  imageId: string | null;
  imageDigest: string | null;
  /** Last healthy fingerprint of data/ (docs/design.md, fingerprint guard), or null. */
  healthyFingerprint: Fingerprint | null;
  snapshotRetention: number;
  /** The image or tag changed and no container runs it yet: the next create/replace snapshots first. */
  imageChangePending: boolean;
  /** How the container differs from the stored config (reconcile's last look); [] when it matches. */
  drift: DriftItem[];
}

/**
 * A server row as read: the columns of `serverColumns`, in that order. Rows are read as arrays
 * (`raw()`): the driver builds an object row by re-creating every column name per row, and a
 * reconcile reads ten thousand of them (3–5× the time of an array).
 */
type ServerRow = [
  id: string,
  agent_id: string,
  name: string,
  status: ServerStatus,
  container_id: string | null,
  image: string | null,
  image_tag: string,
  config: string,
  game_port: number,
  udp_port: number,
  rcon_port: number,
  server_data_path: string | null,
  data_exists: number | null,
  data_checked_at: string | null,
  auto_recreate: number,
  deleted_at: string | null,
  created_at: string,
  updated_at: string,
  image_id: string | null,
  image_digest: string | null,
  healthy_fingerprint: string | null,
  snapshot_retention: number,
  image_change_pending: number,
  drift: string,
];

/** `SELECT`'s column list for a ServerRow. */
export const serverColumns = [
  'id',
  'agent_id',
  'name',
  'status',
  'container_id',
  'image',
  'image_tag',
  'config',
  'game_port',
  'udp_port',
  'rcon_port',
  'server_data_path',
  'data_exists',
  'data_checked_at',
  'auto_recreate',
  'deleted_at',
  'created_at',
  'updated_at',
  'image_id',
  'image_digest',
  'healthy_fingerprint',
  'snapshot_retention',
  'image_change_pending',
  'drift',
].join(', ');

/** Two rows in list order (contract/name-order.ts): by name, then id. */
export const compareRowsByName = (a: unknown[], b: unknown[]): number => {
  const [idA, , nameA] = a as ServerRow;
  const [idB, , nameB] = b as ServerRow;
  return compareNamesThenIds(nameA, idA, nameB, idB);
};

export const toRecord = (r: unknown[]): ServerRecord => {
  const [
    id,
    agentId,
    name,
    status,
    containerId,
    image,
    imageTag,
    config,
    gamePort,
    udpPort,
    rconPort,
    serverDataPath,
    dataExists,
    dataCheckedAt,
    autoRecreate,
    deletedAt,
    createdAt,
    updatedAt,
    imageId,
    imageDigest,
    healthyFingerprint,
    snapshotRetention,
    imageChangePending,
    drift,
  ] = r as ServerRow;
  return {
    id,
    agentId,
    name,
    status,
    containerId,
    image,
    imageTag,
    // Most servers keep the default config: no parse for it (still one object per row).
    config: config === '{}' ? {} : (JSON.parse(config) as Record<string, string>),
    gamePort,
    udpPort,
    rconPort,
    serverDataPath,
    dataExists: dataExists === null ? null : dataExists === 1,
    dataCheckedAt,
    autoRecreate: autoRecreate === 1,
    deletedAt,
    createdAt,
    updatedAt,
    imageId,
    imageDigest,
    healthyFingerprint: healthyFingerprint ? (JSON.parse(healthyFingerprint) as Fingerprint) : null,
    snapshotRetention,
    imageChangePending: imageChangePending === 1,
    drift: drift === '[]' ? [] : (JSON.parse(drift) as DriftItem[]),
  };
};
