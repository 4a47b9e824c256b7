import type { DriftItem, ServerStatus } from '@contract/http/servers';
import type { Fingerprint } from '@contract/http/snapshots';
import { nowIso, type Db } from './connection';
import {
  compareRowsByName,
  passColumns,
  serverColumns,
  toPassRecord,
  toRecord,
  type PassRecord,
  type ServerRecord,
} from './server-rows';

export type { DigestSeal, ObservedRecord, PassRecord, ServerRecord } from './server-rows';

/** Fields a domain routine may change; mapped to columns below. */
export interface ServerPatch {
  status?: ServerStatus;
  containerId?: string | null;
  image?: string | null;
  imageTag?: string;
  config?: Record<string, string>;
  dataExists?: boolean | null;
  dataCheckedAt?: string | null;
  autoRecreate?: boolean;
  deletedAt?: string | null;
  purgedAt?: string | null;
  imageId?: string | null;
  imageDigest?: string | null;
  healthyFingerprint?: Fingerprint | null;
  snapshotRetention?: number;
  imageChangePending?: boolean;
  drift?: DriftItem[];
}

const columns: Record<keyof ServerPatch, string> = {
  status: 'status',
  containerId: 'container_id',
  image: 'image',
  imageTag: 'image_tag',
  config: 'config',
  dataExists: 'data_exists',
  dataCheckedAt: 'data_checked_at',
  autoRecreate: 'auto_recreate',
  deletedAt: 'deleted_at',
  purgedAt: 'purged_at',
  imageId: 'image_id',
  imageDigest: 'image_digest',
  healthyFingerprint: 'healthy_fingerprint',
  snapshotRetention: 'snapshot_retention',
  imageChangePending: 'image_change_pending',
  drift: 'drift',
};

function toColumnValue(key: keyof ServerPatch, value: unknown): unknown {
  if (key === 'drift' && (value as DriftItem[]).length === 0) return '[]';
  if (key === 'config' || key === 'drift') return JSON.stringify(value);
  if (key === 'healthyFingerprint') return value === null ? null : JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** What a create stores; everything else starts at its default. */
export type NewServer = Pick<
  ServerRecord,
  | 'id'
  | 'agentId'
  | 'name'
  | 'image'
  | 'imageTag'
  | 'config'
  | 'gamePort'
  | 'udpPort'
  | 'rconPort'
  | 'serverDataPath'
  | 'autoRecreate'
>;

/** Servers table access; purged rows are invisible to every read. */
export class ServersRepo {
  /**
   * `onChange` hears every write a server's view shows; `unlisted` how many rows a write changed
   * that no server list shows (the expected digests' seals, db/list-version.ts).
   */
  constructor(
    private readonly db: Db,
    private readonly onChange: (serverId: string) => void = () => undefined,
    private readonly unlisted: (rows: number) => void = () => undefined,
  ) {}

  /** Insert a new server in status `creating`. Throws on a duplicate name (unique index). */
  insert(s: NewServer): void {
    const now = nowIso();
    this.db
      .prepare(
        `INSERT INTO servers (id, agent_id, name, status, image, image_tag, config, game_port, udp_port, rcon_port,
           server_data_path, auto_recreate, created_at, updated_at)
         VALUES (?, ?, ?, 'creating', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.id,
        s.agentId,
        s.name,
        s.image,
        s.imageTag,
        JSON.stringify(s.config),
        s.gamePort,
        s.udpPort,
        s.rconPort,
        s.serverDataPath,
        s.autoRecreate ? 1 : 0,
        now,
        now,
      );
    this.onChange(s.id);
  }

  /** One visible server. */
  findById(id: string): ServerRecord | undefined {
    const row = this.db
      .prepare(`SELECT ${serverColumns} FROM servers WHERE id = ? AND purged_at IS NULL`)
      .raw(true)
      .get(id) as unknown[] | undefined;
    return row && toRecord(row);
  }

  /**
   * The visible ones of these servers, in the order asked (one query however many: publishing a
   * reconcile's thousands of changes reads them in slices, not one by one).
   */
  findManyById(ids: readonly string[]): ServerRecord[] {
    const found = new Map(
      this.records(
        'WHERE id IN (SELECT value FROM json_each(?)) AND purged_at IS NULL',
        JSON.stringify(ids),
      ).map((r) => [r.id, r]),
    );
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  /** All visible servers, in list order (contract/name-order.ts). */
  listAll(): ServerRecord[] {
    return this.listRows().map(toRecord);
  }

  /** Visible servers of one agent, in list order. */
  listByAgent(agentId: string): ServerRecord[] {
    return this.listRows(agentId).map(toRecord);
  }

  /**
   * `listAll` (no agent) or `listByAgent` as stored rows, each made a record by `toRecord`: a
   * big list read in one statement, then converted a slice at a time. Read in plain name order,
   * which the list order mostly agrees with: the sort that follows finds long runs in place.
   */
  listRows(agentId?: string): unknown[][] {
    const rows =
      agentId === undefined
        ? this.rows('WHERE purged_at IS NULL ORDER BY name')
        : this.rows('WHERE agent_id = ? AND purged_at IS NULL ORDER BY name', agentId);
    return rows.sort(compareRowsByName);
  }

  /**
   * Up to `limit` visible servers of one agent in name order, after `afterName` ('' for the
   * first): a big fleet read a slice at a time (names are unique per agent, so no row is read
   * twice).
   */
  listByAgentAfter(agentId: string, afterName: string, limit: number): PassRecord[] {
    return this.rowsOf(
      passColumns,
      'WHERE agent_id = ? AND purged_at IS NULL AND name > ? ORDER BY name LIMIT ?',
      agentId,
      afterName,
      limit,
    ).map(toPassRecord);
  }

  /** Missing servers of one agent that opted in to auto-recreate. */
  listMissingAutoRecreate(agentId: string): ServerRecord[] {
    return this.records(
      `WHERE agent_id = ? AND purged_at IS NULL AND status = 'missing' AND auto_recreate = 1`,
      agentId,
    );
  }

  /**
   * Up to `limit` running servers of one agent whose world was last checked before `beforeIso`
   * (or never), the longest unchecked first: the periodic data check's next slice. Left out, in
   * the query (so that they can never fill the slice): servers with no folder to check (neither
   * their own data path nor the agent's `agentDataPath`), those with an operation queued or
   * running, and those in `skip`.
   */
  listDueForDataCheck(
    agentId: string,
    agentDataPath: string | null,
    beforeIso: string,
    skip: readonly string[],
    limit: number,
  ): ServerRecord[] {
    // Ids first: sorting ten thousand ids costs a fraction of sorting ten thousand whole rows.
    const ids = this.db
      .prepare(
        `SELECT id FROM servers WHERE agent_id = ? AND purged_at IS NULL AND status = 'running'
           AND (data_checked_at IS NULL OR data_checked_at < ?)
           AND COALESCE(server_data_path, ?) IS NOT NULL
           AND id NOT IN (SELECT server_id FROM operations
                          WHERE agent_id = ? AND state IN ('queued', 'running'))
           AND id NOT IN (SELECT value FROM json_each(?))
         ORDER BY data_checked_at LIMIT ?`,
      )
      .pluck()
      .all(agentId, beforeIso, agentDataPath, agentId, JSON.stringify(skip), limit) as string[];
    return this.findManyById(ids);
  }

  /** True when another visible server of this agent has this name. */
  isNameTaken(agentId: string, name: string): boolean {
    return !!this.db
      .prepare('SELECT 1 FROM servers WHERE agent_id = ? AND name = ? AND purged_at IS NULL')
      .get(agentId, name);
  }

  /** Name and own data path of every visible server of the agent (deleted ones too): their folders. */
  folderRefs(agentId: string): Pick<ServerRecord, 'id' | 'name' | 'serverDataPath'>[] {
    const rows = this.db
      .prepare(
        'SELECT id, name, server_data_path FROM servers WHERE agent_id = ? AND purged_at IS NULL',
      )
      .all(agentId) as { id: string; name: string; server_data_path: string | null }[];
    return rows.map((r) => ({ id: r.id, name: r.name, serverDataPath: r.server_data_path }));
  }

  /** Ports held by the agent's visible servers (deleted ones keep theirs: they are restorable). */
  usedPorts(agentId: string): Set<number> {
    const rows = this.db
      .prepare(
        'SELECT game_port, udp_port, rcon_port FROM servers WHERE agent_id = ? AND purged_at IS NULL',
      )
      .all(agentId) as { game_port: number; udp_port: number; rcon_port: number }[];
    return new Set(rows.flatMap((r) => [r.game_port, r.udp_port, r.rcon_port]));
  }

  /**
   * Store data-check results in one transaction. Only a result that `changed` the server's data
   * presence counts as a change of the server (bumps updated_at, reaches the live feed); the
   * check time alone is bookkeeping.
   */
  recordDataChecks(
    results: {
      serverId: string;
      dataExists: boolean;
      checkedAt: string;
      changed: boolean;
      /** A new last healthy fingerprint (bookkeeping too: read with the server, not pushed). */
      healthy?: Fingerprint;
    }[],
  ): void {
    const now = nowIso();
    // One row write per result, the healthy fingerprint with it (kept as is when there is none):
    // a running fleet's check has one for nearly every server.
    const quiet = this.db.prepare(
      `UPDATE servers SET data_exists = ?, data_checked_at = ?,
         healthy_fingerprint = COALESCE(?, healthy_fingerprint) WHERE id = ?`,
    );
    const loud = this.db.prepare(
      `UPDATE servers SET data_exists = ?, data_checked_at = ?,
         healthy_fingerprint = COALESCE(?, healthy_fingerprint), updated_at = ? WHERE id = ?`,
    );
    this.db.transaction(() => {
      for (const r of results) {
        const exists = r.dataExists ? 1 : 0;
        const healthy = r.healthy ? JSON.stringify(r.healthy) : null;
        if (r.changed) loud.run(exists, r.checkedAt, healthy, now, r.serverId);
        else quiet.run(exists, r.checkedAt, healthy, r.serverId);
      }
    })();
    for (const r of results) if (r.changed) this.onChange(r.serverId);
  }

  /**
   * Server rows by a `WHERE …` (and what follows it). Read as arrays: `raw(true)` is set on every
   * call, and only this repository prepares a statement selecting `serverColumns`.
   */
  private records(where: string, ...params: unknown[]): ServerRecord[] {
    return this.rows(where, ...params).map(toRecord);
  }

  private rows(where: string, ...params: unknown[]): unknown[][] {
    return this.rowsOf(serverColumns, where, ...params);
  }

  /** Rows of these columns (`serverColumns`, or `passColumns`, which begins as it does) as arrays. */
  private rowsOf(columns: string, where: string, ...params: unknown[]): unknown[][] {
    return this.db
      .prepare(`SELECT ${columns} FROM servers ${where}`)
      .raw(true)
      .all(...params) as unknown[][];
  }

  /**
   * Store what a reconcile saw of many servers — status, container, drift — in one transaction,
   * with prepared statements and one timestamp (a pass over a fleet writes thousands of rows).
   * A server appears once per call (a pass compares each server once per slice).
   */
  recordObserved(
    rows: {
      serverId: string;
      status: ServerStatus;
      containerId: string | null;
      drift: DriftItem[];
    }[],
  ): void {
    const now = nowIso();
    const observed = this.db.prepare(
      'UPDATE servers SET status = ?, container_id = ?, drift = ?, updated_at = ? WHERE id = ?',
    );
    // A server left without a container (a whole host's vanished third, say) has nothing of its
    // own to write but its status: those rows go in one statement per status, their ids as one
    // JSON array, instead of a statement each.
    const uncontained = this.db.prepare(
      `UPDATE servers SET status = ?, container_id = NULL, drift = '[]', updated_at = ?
       WHERE id IN (SELECT value FROM json_each(?))`,
    );
    const byStatus = new Map<ServerStatus, string[]>();
    this.db.transaction(() => {
      for (const r of rows) {
        if (r.containerId === null && r.drift.length === 0) {
          const ids = byStatus.get(r.status);
          if (ids) ids.push(r.serverId);
          else byStatus.set(r.status, [r.serverId]);
        } else
          observed.run(r.status, r.containerId, toColumnValue('drift', r.drift), now, r.serverId);
      }
      for (const [status, ids] of byStatus) uncontained.run(status, now, JSON.stringify(ids));
    })();
    for (const r of rows) this.onChange(r.serverId);
  }

  /**
   * Store the seals of the expected digests a pass computed, in one transaction
   * (domain/expected-digest.ts). A cache: no view shows it, nothing is published, and
   * `updated_at` stays.
   */
  recordDigestSeals(rows: { serverId: string; seal: string }[]): void {
    const store = this.db.prepare('UPDATE servers SET digest_seal = ? WHERE id = ?');
    let changed = 0;
    this.db.transaction(() => {
      for (const r of rows) changed += store.run(r.seal, r.serverId).changes;
    })();
    this.unlisted(changed);
  }

  /** Apply a patch and bump updated_at. */
  update(id: string, patch: ServerPatch): void {
    const keys = (Object.keys(patch) as (keyof ServerPatch)[]).filter(
      (k) => patch[k] !== undefined,
    );
    if (keys.length === 0) return;
    const sets = keys.map((k) => `${columns[k]} = ?`).join(', ');
    const values = keys.map((k) => toColumnValue(k, patch[k]));
    this.db
      .prepare(`UPDATE servers SET ${sets}, updated_at = ? WHERE id = ?`)
      .run(...values, nowIso(), id);
    this.onChange(id);
  }
}
