import type { User } from '@contract/http/auth';
import { nowIso, type Db } from './connection';

/** Sessions table: only the sha-256 of the cookie token is stored. */
export class SessionsRepo {
  constructor(private readonly db: Db) {}

  /** Store a new session. */
  create(tokenHash: string, userId: string, expiresAt: string): void {
    this.db
      .prepare(
        'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      )
      .run(tokenHash, userId, nowIso(), expiresAt);
  }

  /** The user behind an unexpired session, if any. */
  findUser(tokenHash: string): User | undefined {
    return this.db
      .prepare(
        `SELECT u.id, u.email, u.role FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > ?`,
      )
      .get(tokenHash, nowIso()) as User | undefined;
  }

  /** Remove one session (logout). */
  delete(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  /** Drop expired sessions (housekeeping at start). */
  deleteExpired(): void {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(nowIso());
  }
}
