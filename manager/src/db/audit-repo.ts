import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditEntry, AuditOutcome } from '@contract/http/audit';
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
  constructor(private readonly db: Db) {}

  /** Append one entry. */
  record(input: AuditInput): void {
    this.db
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
  }

  /** Newest first, optionally for one server. */
  list(serverId: string | undefined, limit: number): AuditEntry[] {
    const rows = (
      serverId
        ? this.db
            .prepare('SELECT * FROM audit_log WHERE server_id = ? ORDER BY seq DESC LIMIT ?')
            .all(serverId, limit)
        : this.db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit)
    ) as AuditRow[];
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
