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
 * What a reconcile pass reads of each of an agent's servers: the fields its comparison with the
 * containers and its data checks use, and no others. A pass reads ten thousand rows, and the nine
 * columns left out were a third of the read (docs/decisions/0113-reconcile-reads-what-it-compares.md).
 */
export type ObservedRecord = Pick<
  ServerRecord,
  | 'id'
  | 'name'
  | 'status'
  | 'containerId'
  | 'image'
  | 'imageTag'
  | 'config'
  | 'gamePort'
  | 'udpPort'
  | 'rconPort'
  | 'serverDataPath'
  | 'dataExists'
  | 'imageId'
  | 'healthyFingerprint'
  | 'drift'
>;

/**
 * A server row as read: the columns of `serverColumns`, in that order. The first fifteen are an
 * ObservedRecord's (`observedColumns`), so one mapper reads both rows. Rows are read as arrays
 * (`raw()`): the driver builds an object row by re-creating every column name per row, and a
 * reconcile reads ten thousand of them (3–5× the time of an array).
 */
type ServerRow = [
  id: string,
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
  image_id: string | null,
  healthy_fingerprint: string | null,
  drift: string,
  agent_id: string,
  data_checked_at: string | null,
  auto_recreate: number,
  deleted_at: string | null,
  created_at: string,
  updated_at: string,
  image_digest: string | null,
  snapshot_retention: number,
  image_change_pending: number,
];

const observed = [
  'id',
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
  'image_id',
  'healthy_fingerprint',
  'drift',
];

/** `SELECT`'s column list for an ObservedRecord: the first columns of a ServerRow. */
const observedColumns = observed.join(', ');

/** `SELECT`'s column list for a ServerRow. */
export const serverColumns = [
  ...observed,
  'agent_id',
  'data_checked_at',
  'auto_recreate',
  'deleted_at',
  'created_at',
  'updated_at',
  'image_digest',
  'snapshot_retention',
  'image_change_pending',
].join(', ');

/** Two rows in list order (contract/name-order.ts): by name, then id. */
export const compareRowsByName = (a: unknown[], b: unknown[]): number => {
  const [idA, nameA] = a as ServerRow;
  const [idB, nameB] = b as ServerRow;
  return compareNamesThenIds(nameA, idA, nameB, idB);
};

/** The ObservedRecord of a row of `observedColumns` (or of `serverColumns`, which begins so). */
export const toObservedRecord = (r: unknown[]): ObservedRecord => {
  const [
    id,
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
    imageId,
    healthyFingerprint,
    drift,
  ] = r as ServerRow;
  return {
    id,
    name,
    status,
    containerId,
    image,
    imageTag,
    // Most servers keep the default config and match their container: no parse for those
    // (still one object per row).
    config: config === '{}' ? {} : (JSON.parse(config) as Record<string, string>),
    gamePort,
    udpPort,
    rconPort,
    serverDataPath,
    dataExists: dataExists === null ? null : dataExists === 1,
    imageId,
    healthyFingerprint: healthyFingerprint ? (JSON.parse(healthyFingerprint) as Fingerprint) : null,
    drift: drift === '[]' ? [] : (JSON.parse(drift) as DriftItem[]),
  };
};

/**
 * The seal over a server's expected digest and what it was computed from, as its last reconcile
 * stored it (domain/expected-digest.ts): a cache, null until a pass computed one.
 */
export interface DigestSeal {
  digestSeal: string | null;
}

/** What a whole-host reconcile reads of each server: what it compares, and the digest's seal. */
export type PassRecord = ObservedRecord & DigestSeal;

/** `SELECT`'s column list for a PassRecord: `observedColumns`, then the seal. */
export const passColumns = `${observedColumns}, digest_seal`;

/** The PassRecord of a row of `passColumns`. */
export const toPassRecord = (r: unknown[]): PassRecord =>
  Object.assign(toObservedRecord(r), { digestSeal: r[15] as string | null });

/** The ServerRecord of a row of `serverColumns`. */
export const toRecord = (r: unknown[]): ServerRecord => {
  const row = r as ServerRow;
  return Object.assign(toObservedRecord(row), {
    agentId: row[15],
    dataCheckedAt: row[16],
    autoRecreate: row[17] === 1,
    deletedAt: row[18],
    createdAt: row[19],
    updatedAt: row[20],
    imageDigest: row[21],
    snapshotRetention: row[22],
    imageChangePending: row[23] === 1,
  });
};
