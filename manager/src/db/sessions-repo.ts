import type { User } from '@contract/http/auth';
import { nowIso, type Db } from './connection';

/** Sessions table: only the sha-256 of the cookie token is stored. */
export class SessionsRepo {
  /** `unlisted` hears how many rows each write changed: no server list shows them (db/list-version.ts). */
  constructor(
    private readonly db: Db,
    private readonly unlisted: (rows: number) => void = () => undefined,
  ) {}

  /** Store a new session. */
  create(tokenHash: string, userId: string, expiresAt: string): void {
    const { changes } = this.db
      .prepare(
        'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      )
      .run(tokenHash, userId, nowIso(), expiresAt);
    this.unlisted(changes);
  }

  /** The user behind an unexpired session, if any; a disabled user has none. */
  findUser(tokenHash: string): User | undefined {
    const row = this.db
      .prepare(
        `SELECT u.id, u.email, u.role, u.password_generated FROM sessions s
         JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`,
      )
      .get(tokenHash, nowIso()) as
      (Omit<User, 'generatedPassword'> & { password_generated: number }) | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      email: row.email,
      role: row.role,
      generatedPassword: row.password_generated === 1,
    };
  }

  /** Remove one session (logout). */
  delete(tokenHash: string): void {
    this.unlisted(
      this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash).changes,
    );
  }

  /** End every session of a user, except the one with `keepTokenHash` when given. */
  deleteForUser(userId: string, keepTokenHash?: string): number {
    const { changes } = this.db
      .prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash != ?')
      .run(userId, keepTokenHash ?? '');
    this.unlisted(changes);
    return changes;
  }

  /** Drop expired sessions (housekeeping at start). */
  deleteExpired(): void {
    this.unlisted(
      this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(nowIso()).changes,
    );
  }
}
