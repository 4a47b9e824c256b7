import type { OperationError } from '@contract/errors';
import type {
  Operation,
  OperationKind,
  OperationProgress,
  OperationState,
} from '@contract/http/operations';
import { nowIso, type Db } from './connection';

interface OperationRow {
  id: string;
  server_id: string;
  agent_id: string;
  kind: OperationKind;
  state: OperationState;
  requested_by: string;
  allow_fresh_start: number;
  allow_data_divergence: number;
  snapshot_id: string | null;
  progress: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface StoredOperation extends Operation {
  agentId: string;
  allowFreshStart: boolean;
  allowDataDivergence: boolean;
}

const toOperation = (r: OperationRow): StoredOperation => ({
  id: r.id,
  serverId: r.server_id,
  agentId: r.agent_id,
  kind: r.kind,
  state: r.state,
  requestedBy: r.requested_by,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  allowFreshStart: r.allow_fresh_start === 1,
  allowDataDivergence: r.allow_data_divergence === 1,
  ...(r.snapshot_id ? { snapshotId: r.snapshot_id } : {}),
  ...(r.progress ? { progress: JSON.parse(r.progress) as OperationProgress } : {}),
  ...(r.error ? { error: JSON.parse(r.error) as OperationError } : {}),
});

/** Strip the manager-only fields before an operation leaves the process. */
export const publicOperation = ({
  agentId: _agentId,
  allowDataDivergence,
  ...op
}: StoredOperation): Operation => ({
  ...op,
  ...(allowDataDivergence ? { allowDataDivergence } : {}),
});

export interface NewOperation {
  id: string;
  serverId: string;
  agentId: string;
  kind: OperationKind;
  state: 'queued' | 'running';
  requestedBy: string;
  allowFreshStart: boolean;
  allowDataDivergence?: boolean;
  snapshotId?: string;
  progress?: OperationProgress;
}

/** Operations table. The partial unique index makes a second active operation per server an insert error. */
export class OperationsRepo {
  /** `onChange` hears about every write (the live change feed). */
  constructor(
    private readonly db: Db,
    private readonly onChange: (operationId: string, serverId: string) => void = () => undefined,
  ) {}

  /** Run an UPDATE … RETURNING server_id; report the change when a row matched. */
  private changed(id: string, row: unknown): boolean {
    const serverId = (row as { server_id: string } | undefined)?.server_id;
    if (serverId) this.onChange(id, serverId);
    return serverId !== undefined;
  }

  /** Insert; throws UniqueConstraintError when the server already has an active operation. */
  insert(op: NewOperation): StoredOperation {
    const now = nowIso();
    this.db
      .prepare(
        `INSERT INTO operations (id, server_id, agent_id, kind, state, requested_by, allow_fresh_start,
           allow_data_divergence, snapshot_id, progress, created_at, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        op.id,
        op.serverId,
        op.agentId,
        op.kind,
        op.state,
        op.requestedBy,
        op.allowFreshStart ? 1 : 0,
        op.allowDataDivergence ? 1 : 0,
        op.snapshotId ?? null,
        op.progress ? JSON.stringify(op.progress) : null,
        now,
        op.state === 'running' ? now : null,
      );
    this.onChange(op.id, op.serverId);
    return this.findById(op.id)!;
  }

  /** One operation. */
  findById(id: string): StoredOperation | undefined {
    const row = this.db.prepare('SELECT * FROM operations WHERE id = ?').get(id) as
      OperationRow | undefined;
    return row && toOperation(row);
  }

  /** The queued/running operation of a server, if any. */
  findActive(serverId: string): StoredOperation | undefined {
    const row = this.db
      .prepare("SELECT * FROM operations WHERE server_id = ? AND state IN ('queued', 'running')")
      .get(serverId) as OperationRow | undefined;
    return row && toOperation(row);
  }

  /** Every queued/running operation (at most one per server: a unique index says so). */
  listActive(): StoredOperation[] {
    const rows = this.db
      .prepare("SELECT * FROM operations WHERE state IN ('queued', 'running')")
      .all() as OperationRow[];
    return rows.map(toOperation);
  }

  /** Every operation in one state, oldest first. */
  listByState(state: OperationState): StoredOperation[] {
    const rows = this.db
      .prepare('SELECT * FROM operations WHERE state = ? ORDER BY seq')
      .all(state) as OperationRow[];
    return rows.map(toOperation);
  }

  /** Operations of an agent in one state, oldest first. */
  listByAgentState(agentId: string, state: OperationState): StoredOperation[] {
    const rows = this.db
      .prepare('SELECT * FROM operations WHERE agent_id = ? AND state = ? ORDER BY seq')
      .all(agentId, state) as OperationRow[];
    return rows.map(toOperation);
  }

  /** queued → running. Returns false if it was not queued any more (cancelled meanwhile). */
  markRunning(id: string): boolean {
    const row = this.db
      .prepare(
        "UPDATE operations SET state = 'running', started_at = ? WHERE id = ? AND state = 'queued' RETURNING server_id",
      )
      .get(nowIso(), id);
    return this.changed(id, row);
  }

  /** running → queued again (its agent left before any work was sent). False if it was not running. */
  requeue(id: string, progress: OperationProgress): boolean {
    const row = this.db
      .prepare(
        `UPDATE operations SET state = 'queued', started_at = NULL, progress = ?
         WHERE id = ? AND state = 'running' RETURNING server_id`,
      )
      .get(JSON.stringify(progress), id);
    return this.changed(id, row);
  }

  /** Update progress of an active operation. */
  setProgress(id: string, progress: OperationProgress): boolean {
    const row = this.db
      .prepare(
        "UPDATE operations SET progress = ? WHERE id = ? AND state IN ('queued', 'running') RETURNING server_id",
      )
      .get(JSON.stringify(progress), id);
    return this.changed(id, row);
  }

  /** Close an active operation (progress kept only on failure, as context). Returns false when it had already ended (so side effects are skipped). */
  finish(id: string, state: 'succeeded' | 'failed' | 'cancelled', error?: OperationError): boolean {
    const row = this.db
      .prepare(
        `UPDATE operations SET state = ?, error = ?, finished_at = ?,
           progress = CASE WHEN ? = 'failed' THEN progress ELSE NULL END
         WHERE id = ? AND state IN ('queued', 'running') RETURNING server_id`,
      )
      .get(state, error ? JSON.stringify(error) : null, nowIso(), state, id);
    return this.changed(id, row);
  }

  /** Remove an operation that was refused before any work (DATA_MISSING, INVALID_STATE…): nothing happened. */
  delete(id: string): void {
    this.changed(
      id,
      this.db.prepare('DELETE FROM operations WHERE id = ? RETURNING server_id').get(id),
    );
  }

  /** True when an active operation restores or writes this snapshot. */
  usesSnapshot(snapshotId: string): boolean {
    return !!this.db
      .prepare("SELECT 1 FROM operations WHERE snapshot_id = ? AND state IN ('queued', 'running')")
      .get(snapshotId);
  }

  /** The most recent operation of a server (any state). */
  latestForServer(serverId: string): StoredOperation | undefined {
    const row = this.db
      .prepare('SELECT * FROM operations WHERE server_id = ? ORDER BY seq DESC LIMIT 1')
      .get(serverId) as OperationRow | undefined;
    return row && toOperation(row);
  }

  /** Servers of an agent with an operation running, or started or ended since `sinceIso` (a reconcile's view of them may be stale). */
  busyServerIds(agentId: string, sinceIso: string): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT server_id FROM operations WHERE agent_id = ? AND state = 'running'
         UNION SELECT server_id FROM operations WHERE agent_id = ? AND started_at >= ?
         UNION SELECT server_id FROM operations WHERE agent_id = ? AND finished_at >= ?`,
      )
      .all(agentId, agentId, sinceIso, agentId, sinceIso) as { server_id: string }[];
    return new Set(rows.map((r) => r.server_id));
  }

  /** Keep the work an operation is sending to its agent (to resend it after an interruption). */
  setPlan(id: string, plan: unknown): void {
    this.db.prepare('UPDATE operations SET plan = ? WHERE id = ?').run(JSON.stringify(plan), id);
  }

  /** The kept work of an operation, if any. */
  planOf(id: string): unknown {
    const row = this.db.prepare('SELECT plan FROM operations WHERE id = ?').get(id) as
      { plan: string | null } | undefined;
    return row?.plan ? (JSON.parse(row.plan) as unknown) : undefined;
  }

  /** A running operation waits for its agent until `resumeBy` (null: it runs again / is not waiting). */
  setResumeBy(id: string, resumeBy: string | null): boolean {
    const row = this.db
      .prepare(
        "UPDATE operations SET resume_by = ? WHERE id = ? AND state = 'running' RETURNING server_id",
      )
      .get(resumeBy, id);
    return this.changed(id, row);
  }

  /** Running operations waiting for their agent (all agents when agentId is omitted). */
  listWaiting(agentId?: string): (StoredOperation & { resumeBy: string })[] {
    const rows = (
      agentId
        ? this.db
            .prepare(
              "SELECT * FROM operations WHERE agent_id = ? AND state = 'running' AND resume_by IS NOT NULL ORDER BY seq",
            )
            .all(agentId)
        : this.db
            .prepare(
              "SELECT * FROM operations WHERE state = 'running' AND resume_by IS NOT NULL ORDER BY seq",
            )
            .all()
    ) as (OperationRow & { resume_by: string })[];
    return rows.map((r) => ({ ...toOperation(r), resumeBy: r.resume_by }));
  }
}
