import type { User } from '@contract/http/auth';
import type { SessionsRepo } from '../db/sessions-repo';
import { newSecret, sha256 } from './tokens';

export const sessionCookieName = 'zedops_session';
export const sessionTtlMs = 7 * 24 * 60 * 60 * 1000;

/** Cookie sessions backed by the sessions table (see docs/decisions/0003-cookie-sessions-csrf.md). */
export class SessionService {
  constructor(private readonly repo: SessionsRepo) {}

  /** Start a session; returns the raw token for the cookie (only its hash is stored). */
  start(userId: string): { token: string; expiresAt: Date } {
    const token = newSecret();
    const expiresAt = new Date(Date.now() + sessionTtlMs);
    this.repo.create(sha256(token), userId, expiresAt.toISOString());
    return { token, expiresAt };
  }

  /** The signed-in user for a cookie value, if the session is valid. */
  resolve(token: string | undefined): User | undefined {
    if (!token || token.length > 200) return undefined;
    return this.repo.findUser(sha256(token));
  }

  /** End a session. */
  end(token: string | undefined): void {
    if (token) this.repo.delete(sha256(token));
  }

  /** End every other session of this user; the one behind `keepToken` stays. */
  endOthers(userId: string, keepToken: string | undefined): void {
    this.repo.deleteForUser(userId, keepToken ? sha256(keepToken) : undefined);
  }
}
