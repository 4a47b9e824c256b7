import { randomUUID } from 'node:crypto';
import {
  adminOnlyAuditPrefixes,
  type AuditAction,
  type AuditEntry,
  type AuditOutcome,
} from '@contract/http/audit';
import { nowIso, type Db } from './connection';

export interface AuditInput {
  actor: string;
  action: AuditAction;
  outcome: AuditOutcome;
  serverId?: string | null;
  agentId?: string | null;
  operationId?: string | null;
  details?: Record<string, unknown>;
  /** When it happened, if not now (an entry kept through a storage outage). */
  at?: string;
}

interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: AuditAction;
  outcome: AuditOutcome;
  server_id: string | null;
  agent_id: string | null;
  operation_id: string | null;
  details: string;
}

/** Append-only audit log. */
export class AuditRepo {
  /** `unlisted` hears how many rows each write changed: no server list shows them (db/list-version.ts). */
  constructor(
    private readonly db: Db,
    private readonly unlisted: (rows: number) => void = () => undefined,
  ) {}

  /** Append one entry. */
  record(input: AuditInput): void {
    const { changes } = this.db
      .prepare(
        `INSERT INTO audit_log (id, at, actor, action, outcome, server_id, agent_id, operation_id, details)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        randomUUID(),
        input.at ?? nowIso(),
        input.actor,
        input.action,
        input.outcome,
        input.serverId ?? null,
        input.agentId ?? null,
        input.operationId ?? null,
        JSON.stringify(input.details ?? {}),
      );
    this.unlisted(changes);
  }

  /**
   * Newest first, optionally for one server. Without `includeAdminOnly` the entries only admins
   * may read (contract `adminOnlyAuditPrefixes`) are left out in SQL, so `limit` still holds.
   */
  list(
    serverId: string | undefined,
    limit: number,
    options: { includeAdminOnly: boolean } = { includeAdminOnly: true },
  ): AuditEntry[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (serverId) {
      where.push('server_id = ?');
      params.push(serverId);
    }
    if (!options.includeAdminOnly)
      for (const prefix of adminOnlyAuditPrefixes) {
        where.push("action NOT LIKE ? ESCAPE '\\'");
        params.push(`${prefix.replace(/[\\%_]/g, '\\$&')}%`);
      }
    const rows = this.db
      .prepare(
        `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY seq DESC LIMIT ?`,
      )
      .all(...params, limit) as AuditRow[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      outcome: r.outcome,
      serverId: r.server_id,
      agentId: r.agent_id,
      operationId: r.operation_id,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }));
  }
}
