import type { OperationError } from '@contract/errors';
import type { Snapshot, SnapshotReason, SnapshotStatus } from '@contract/http/snapshots';
import { nowIso, type Db } from './connection';

interface SnapshotRow {
  id: string;
  server_id: string;
  agent_id: string;
  server_name: string;
  reason: SnapshotReason;
  status: SnapshotStatus;
  verified: number;
  size_bytes: number | null;
  file_count: number | null;
  total_bytes: number | null;
  error: string | null;
  operation_id: string | null;
  requested_by: string;
  created_at: string;
  finished_at: string | null;
}

/** A stored snapshot: the contract's view plus where its archive lives and what it holds. */
export interface StoredSnapshot extends Snapshot {
  agentId: string;
  /** The folder name it was filed under on the agent (`{snapshot root}/{serverName}/`). */
  serverName: string;
}

const toSnapshot = (r: SnapshotRow): StoredSnapshot => {
  const error = r.error ? (JSON.parse(r.error) as OperationError) : undefined;
  return {
    id: r.id,
    serverId: r.server_id,
    agentId: r.agent_id,
    serverName: r.server_name,
    reason: r.reason,
    status: r.status,
    verified: r.verified === 1,
    sizeBytes: r.size_bytes,
    fileCount: r.file_count,
    createdAt: r.created_at,
    requestedBy: r.requested_by,
    operationId: r.operation_id,
    ...(error ? { error: { code: error.code, message: error.message } } : {}),
  };
};

/** Strip the manager-only fields before a snapshot leaves the process. */
export const publicSnapshot = ({
  agentId: _a,
  serverName: _n,
  ...snapshot
}: StoredSnapshot): Snapshot => snapshot;

export interface NewSnapshot {
  id: string;
  serverId: string;
  agentId: string;
  serverName: string;
  reason: SnapshotReason;
  operationId: string | null;
  requestedBy: string;
}

/** Snapshots table; every write is reported (the live change feed publishes `snapshot.*`). */
export class SnapshotsRepo {
  constructor(
    private readonly db: Db,
    private readonly onChange: (snapshotId: string) => void = () => undefined,
    private readonly onDelete: (snapshot: StoredSnapshot) => void = () => undefined,
  ) {}

  /** Record a snapshot being written (`creating`); a second insert of the same id is a no-op (a resumed step). */
  insert(s: NewSnapshot): StoredSnapshot {
    const result = this.db
      .prepare(
        `INSERT INTO snapshots (id, server_id, agent_id, server_name, reason, status, operation_id, requested_by, created_at)
         VALUES (?, ?, ?, ?, ?, 'creating', ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
      )
      .run(
        s.id,
        s.serverId,
        s.agentId,
        s.serverName,
        s.reason,
        s.operationId,
        s.requestedBy,
        nowIso(),
      );
    if (result.changes > 0) this.onChange(s.id);
    return this.findById(s.id)!;
  }

  findById(id: string): StoredSnapshot | undefined {
    const row = this.db.prepare('SELECT * FROM snapshots WHERE id = ?').get(id) as
      SnapshotRow | undefined;
    return row && toSnapshot(row);
  }

  /** Snapshots of a server, newest first. */
  listByServer(serverId: string): StoredSnapshot[] {
    const rows = this.db
      .prepare('SELECT * FROM snapshots WHERE server_id = ? ORDER BY seq DESC')
      .all(serverId) as SnapshotRow[];
    return rows.map(toSnapshot);
  }

  /** The archive was written and read back. */
  markReady(
    id: string,
    result: { sizeBytes: number; fileCount: number; totalBytes: number; verified: boolean },
  ): void {
    this.db
      .prepare(
        `UPDATE snapshots SET status = 'ready', verified = ?, size_bytes = ?, file_count = ?,
           total_bytes = ?, finished_at = ? WHERE id = ?`,
      )
      .run(
        result.verified ? 1 : 0,
        result.sizeBytes,
        result.fileCount,
        result.totalBytes,
        nowIso(),
        id,
      );
    this.onChange(id);
  }

  /** The snapshot could not be made (nothing of it is left on the agent). Only a `creating` one. */
  markFailed(id: string, error: OperationError): void {
    const row = this.db
      .prepare(
        `UPDATE snapshots SET status = 'failed', error = ?, finished_at = ?
         WHERE id = ? AND status = 'creating' RETURNING id`,
      )
      .get(JSON.stringify(error), nowIso(), id);
    if (row) this.onChange(id);
  }

  /** Snapshots an operation was still writing when it ended: they failed with it. */
  failCreatingOf(operationId: string, error: OperationError): void {
    const rows = this.db
      .prepare("SELECT id FROM snapshots WHERE operation_id = ? AND status = 'creating'")
      .all(operationId) as { id: string }[];
    for (const { id } of rows) this.markFailed(id, error);
  }

  /** Forget a snapshot whose archive is gone. */
  delete(id: string): void {
    const snapshot = this.findById(id);
    if (!snapshot) return;
    this.db.prepare('DELETE FROM snapshots WHERE id = ?').run(id);
    this.onDelete(snapshot);
  }
}
