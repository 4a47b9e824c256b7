import { randomUUID } from 'node:crypto';
import type { Agent, AgentStatus } from '@contract/http/agents';
import { combineAllowedRoots } from '@contract/server-folders';
import { nowIso, type Db } from './connection';

interface AgentRow {
  id: string;
  name: string;
  token_hash: string | null;
  token_expires_at: string | null;
  credential_hash: string | null;
  server_data_path: string | null;
  default_image: string | null;
  status: AgentStatus;
  status_reason: string | null;
  last_seen_at: string | null;
  hostname: string | null;
  /** This and admin_roots: JSON string[] (parsed by parseRoots). */
  declared_roots: string | null;
  admin_roots: string | null;
}

/** A stored agent as the domain sees it (camelCase, the roots parsed). */
export interface AgentRecord {
  id: string;
  name: string;
  tokenHash: string | null;
  /** When the registration token stops working (it is single-use and lives 24 h). */
  tokenExpiresAt: string | null;
  credentialHash: string | null;
  serverDataPath: string | null;
  defaultImage: string | null;
  status: AgentStatus;
  statusReason: string | null;
  lastSeenAt: string | null;
  hostname: string | null;
  /** Roots from the agent's last hello; null until it declared any. */
  declaredRoots: string[] | null;
  /** Roots an admin added; null when none. */
  adminRoots: string[] | null;
}

/** A JSON roots column → string[] (null when unset; junk reads as no roots, never as a crash). */
function parseRoots(column: string | null): string[] | null {
  if (column === null) return null;
  try {
    const value: unknown = JSON.parse(column);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** string[] → a JSON roots column (null when empty). */
function rootsColumn(roots: readonly string[]): string | null {
  return roots.length > 0 ? JSON.stringify(roots) : null;
}

const toRecord = (r: AgentRow): AgentRecord => ({
  id: r.id,
  name: r.name,
  tokenHash: r.token_hash,
  tokenExpiresAt: r.token_expires_at,
  credentialHash: r.credential_hash,
  serverDataPath: r.server_data_path,
  defaultImage: r.default_image,
  status: r.status,
  statusReason: r.status_reason,
  lastSeenAt: r.last_seen_at,
  hostname: r.hostname,
  declaredRoots: parseRoots(r.declared_roots),
  adminRoots: parseRoots(r.admin_roots),
});

/** The roots the manager enforces for this agent (the rule: contract/server-folders.ts). */
export function allowedRootsOf(agent: AgentRecord): string[] {
  return combineAllowedRoots({
    defaultDataPath: agent.serverDataPath,
    declared: agent.declaredRoots,
    admin: agent.adminRoots,
  });
}

export const toAgent = (agent: AgentRecord): Agent => ({
  id: agent.id,
  name: agent.name,
  status: agent.status,
  lastSeenAt: agent.lastSeenAt,
  serverDataPath: agent.serverDataPath,
  allowedRoots: allowedRootsOf(agent),
  defaultImage: agent.defaultImage,
  statusReason: agent.statusReason,
});

/** Agents table access. Tokens and credentials are stored as sha-256 hex only. */
export class AgentsRepo {
  /** `unlisted` hears how many rows a heartbeat changed: no server list shows `last_seen_at` (db/list-version.ts). */
  constructor(
    private readonly db: Db,
    private readonly unlisted: (rows: number) => void = () => undefined,
  ) {}

  /** Insert a pending agent with its registration token hash. */
  create(input: {
    name: string;
    serverDataPath: string | null;
    defaultImage: string | null;
    adminRoots: string[];
    tokenHash: string;
    tokenExpiresAt: string;
  }): AgentRecord {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO agents (id, name, token_hash, token_expires_at, server_data_path, default_image,
           admin_roots, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
      )
      .run(
        id,
        input.name,
        input.tokenHash,
        input.tokenExpiresAt,
        input.serverDataPath,
        input.defaultImage,
        rootsColumn(input.adminRoots),
        nowIso(),
      );
    return this.findById(id)!;
  }

  /** One agent by id. */
  findById(id: string): AgentRecord | undefined {
    const row = this.rowById(id);
    return row && toRecord(row);
  }

  /** One agent by its unique name. */
  findByName(name: string): AgentRecord | undefined {
    const row = this.db.prepare('SELECT * FROM agents WHERE name = ?').get(name) as
      AgentRow | undefined;
    return row && toRecord(row);
  }

  /**
   * All agents, in no particular order: most callers walk them all (a hello's token check, the
   * periodic data check). `GET /api/agents` sorts what it shows (contract/name-order.ts).
   */
  list(): AgentRecord[] {
    return (this.db.prepare('SELECT * FROM agents').all() as AgentRow[]).map(toRecord);
  }

  /** The stored row itself: `update` keeps unchanged columns byte for byte. */
  private rowById(id: string): AgentRow | undefined {
    return this.db.prepare('SELECT * FROM agents WHERE id = ?').get(id) as AgentRow | undefined;
  }

  /** Replace the registration token (rotation) and revoke the credential the agent holds. */
  rotateToken(id: string, tokenHash: string, tokenExpiresAt: string): void {
    this.db
      .prepare(
        'UPDATE agents SET token_hash = ?, token_expires_at = ?, credential_hash = NULL WHERE id = ?',
      )
      .run(tokenHash, tokenExpiresAt, id);
  }

  /**
   * Trade the registration token for a long-lived credential, once: the token is gone after this.
   * False when the token was already used (or rotated) by someone else.
   */
  exchangeToken(id: string, tokenHash: string, credentialHash: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE agents SET credential_hash = ?, token_hash = NULL, token_expires_at = NULL
           WHERE id = ? AND token_hash = ?`,
        )
        .run(credentialHash, id, tokenHash).changes === 1
    );
  }

  /** Admin changes: name, default data path, the roots admins added. */
  update(
    id: string,
    patch: { name?: string; serverDataPath?: string; adminRoots?: string[]; defaultImage?: string },
  ): void {
    const row = this.rowById(id);
    if (!row) return;
    this.db
      .prepare(
        'UPDATE agents SET name = ?, server_data_path = ?, admin_roots = ?, default_image = ? WHERE id = ?',
      )
      .run(
        patch.name ?? row.name,
        patch.serverDataPath ?? row.server_data_path,
        patch.adminRoots ? rootsColumn(patch.adminRoots) : row.admin_roots,
        patch.defaultImage ?? row.default_image,
        id,
      );
  }

  /**
   * Remove an agent whose servers are all purged, with what only it refers to: the purged
   * servers' hidden rows and their operations. The caller checked there is nothing else.
   */
  deleteWithHistory(id: string): void {
    this.db.prepare('DELETE FROM operations WHERE agent_id = ?').run(id);
    this.db.prepare('DELETE FROM servers WHERE agent_id = ? AND purged_at IS NOT NULL').run(id);
    this.db.prepare('DELETE FROM agents WHERE id = ?').run(id);
  }

  /** Record connection state as shown to users. */
  setStatus(id: string, status: AgentStatus, reason: string | null, hostname?: string): void {
    this.db
      .prepare(
        'UPDATE agents SET status = ?, status_reason = ?, last_seen_at = ?, hostname = COALESCE(?, hostname) WHERE id = ?',
      )
      .run(status, reason, nowIso(), hostname ?? null, id);
  }

  /** Fill the agent's data path from its hello when the admin did not set one. */
  adoptDefaultDataPath(id: string, path: string): void {
    this.db
      .prepare('UPDATE agents SET server_data_path = ? WHERE id = ? AND server_data_path IS NULL')
      .run(path, id);
  }

  /** The roots the agent declared in its hello (replacing the previous list); null = none. */
  setDeclaredRoots(id: string, roots: string[] | null): void {
    this.db
      .prepare('UPDATE agents SET declared_roots = ? WHERE id = ?')
      .run(roots ? rootsColumn(roots) : null, id);
  }

  /** Heartbeat: last seen now. */
  touch(id: string): void {
    this.unlisted(
      this.db.prepare('UPDATE agents SET last_seen_at = ? WHERE id = ?').run(nowIso(), id).changes,
    );
  }

  /** At manager start nobody is connected yet. */
  markAllConnectedOffline(): void {
    this.db
      .prepare(
        "UPDATE agents SET status = 'offline', status_reason = 'Manager restarted' WHERE status = 'online'",
      )
      .run();
  }
}
