import { randomUUID } from 'node:crypto';
import type { Agent, AgentStatus } from '@contract/http/agents';
import { combineAllowedRoots } from '@contract/server-folders';
import { nowIso, type Db } from './connection';

export interface AgentRow {
  id: string;
  name: string;
  token_hash: string | null;
  credential_hash: string | null;
  server_data_path: string | null;
  default_image: string | null;
  status: AgentStatus;
  status_reason: string | null;
  last_seen_at: string | null;
  hostname: string | null;
  /** JSON string[]: roots from the agent's last hello; null until it declared any. */
  declared_roots: string | null;
  /** JSON string[]: roots an admin added; null when none. */
  admin_roots: string | null;
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

/** The roots the manager enforces for this agent (the rule: contract/server-folders.ts). */
export function allowedRootsOf(row: AgentRow): string[] {
  return combineAllowedRoots({
    defaultDataPath: row.server_data_path,
    declared: parseRoots(row.declared_roots),
    admin: parseRoots(row.admin_roots),
  });
}

export const toAgent = (row: AgentRow): Agent => ({
  id: row.id,
  name: row.name,
  status: row.status,
  lastSeenAt: row.last_seen_at,
  serverDataPath: row.server_data_path,
  allowedRoots: allowedRootsOf(row),
  defaultImage: row.default_image,
  statusReason: row.status_reason,
});

/** Agents table access. Tokens and credentials are stored as sha-256 hex only. */
export class AgentsRepo {
  constructor(private readonly db: Db) {}

  /** Insert a pending agent with its registration token hash. */
  create(input: {
    name: string;
    serverDataPath: string | null;
    defaultImage: string | null;
    tokenHash: string;
  }): AgentRow {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO agents (id, name, token_hash, server_data_path, default_image, status, created_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
      )
      .run(id, input.name, input.tokenHash, input.serverDataPath, input.defaultImage, nowIso());
    return this.findById(id)!;
  }

  /** One agent by id. */
  findById(id: string): AgentRow | undefined {
    return this.db.prepare('SELECT * FROM agents WHERE id = ?').get(id) as AgentRow | undefined;
  }

  /** One agent by its unique name. */
  findByName(name: string): AgentRow | undefined {
    return this.db.prepare('SELECT * FROM agents WHERE name = ?').get(name) as AgentRow | undefined;
  }

  /** All agents by name. */
  list(): AgentRow[] {
    return this.db.prepare('SELECT * FROM agents ORDER BY name').all() as AgentRow[];
  }

  /** Replace the registration token (rotation) and forget any credential issued from the old one. */
  rotateToken(
    id: string,
    tokenHash: string,
    patch: { serverDataPath?: string | null; defaultImage?: string | null },
  ): void {
    const row = this.findById(id)!;
    this.db
      .prepare(
        'UPDATE agents SET token_hash = ?, credential_hash = NULL, server_data_path = ?, default_image = ? WHERE id = ?',
      )
      .run(
        tokenHash,
        patch.serverDataPath !== undefined ? patch.serverDataPath : row.server_data_path,
        patch.defaultImage !== undefined ? patch.defaultImage : row.default_image,
        id,
      );
  }

  /** Store the long-lived credential handed out in `welcome`. */
  setCredential(id: string, credentialHash: string): void {
    this.db.prepare('UPDATE agents SET credential_hash = ? WHERE id = ?').run(credentialHash, id);
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
      .run(roots && roots.length > 0 ? JSON.stringify(roots) : null, id);
  }

  /** Heartbeat: last seen now. */
  touch(id: string): void {
    this.db.prepare('UPDATE agents SET last_seen_at = ? WHERE id = ?').run(nowIso(), id);
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
