import { randomUUID } from 'node:crypto';
import type { Role, User } from '@contract/http/auth';
import type { UserAccount } from '@contract/http/users';
import { nowIso, type Db } from './connection';

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  role: Role;
  disabled: number;
  password_generated: number;
  created_at: string;
  last_login_at: string | null;
}

/** A stored user as the domain sees it. */
export interface UserRecord {
  id: string;
  email: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  /** True while the password is the one generated at first start. */
  passwordGenerated: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

const toRecord = (row: UserRow): UserRecord => ({
  id: row.id,
  email: row.email,
  role: row.role,
  passwordHash: row.password_hash,
  disabled: row.disabled === 1,
  passwordGenerated: row.password_generated === 1,
  createdAt: row.created_at,
  lastLoginAt: row.last_login_at,
});

/** The user as the Users page shows it (no hash). */
export const toUserAccount = (user: UserRecord): UserAccount => ({
  id: user.id,
  email: user.email,
  role: user.role,
  disabled: user.disabled,
  createdAt: user.createdAt,
  lastLoginAt: user.lastLoginAt,
});

/** The signed-in user as login and `me` answer it. */
export const toSessionUser = (user: UserRecord): User => ({
  id: user.id,
  email: user.email,
  role: user.role,
  generatedPassword: user.passwordGenerated,
});

/** Users table access. */
export class UsersRepo {
  /** `unlisted` hears how many rows a sign-in changed: no server list shows users (db/list-version.ts). */
  constructor(
    private readonly db: Db,
    private readonly unlisted: (rows: number) => void = () => undefined,
  ) {}

  /** Insert a user; the caller hashed the password. A taken email throws UniqueConstraintError. */
  create(input: {
    email: string;
    passwordHash: string;
    role: Role;
    passwordGenerated?: boolean;
  }): UserRecord {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO users (id, email, password_hash, role, password_generated, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        input.email,
        input.passwordHash,
        input.role,
        input.passwordGenerated ? 1 : 0,
        nowIso(),
      );
    return this.findById(id)!;
  }

  /** One user by id. */
  findById(id: string): UserRecord | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row && toRecord(row);
  }

  /** Find by (already lower-cased) email. */
  findByEmail(email: string): UserRecord | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE email = ?').get(email) as
      UserRow | undefined;
    return row && toRecord(row);
  }

  /** All users, oldest first. */
  list(): UserRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM users ORDER BY created_at, email')
      .all() as UserRow[];
    return rows.map(toRecord);
  }

  /** Number of users (0 on first start). */
  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  /** Admins who are not disabled: there must always be one. */
  countActiveAdmins(): number {
    return (
      this.db
        .prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled = 0")
        .get() as { n: number }
    ).n;
  }

  /** Change role and/or disabled. */
  update(id: string, patch: { role?: Role; disabled?: boolean }): void {
    const user = this.findById(id);
    if (!user) return;
    this.db
      .prepare('UPDATE users SET role = ?, disabled = ? WHERE id = ?')
      .run(patch.role ?? user.role, (patch.disabled ?? user.disabled) ? 1 : 0, id);
  }

  /** Store a new password hash; it is no longer the generated one. */
  setPassword(id: string, passwordHash: string): void {
    this.db
      .prepare('UPDATE users SET password_hash = ?, password_generated = 0 WHERE id = ?')
      .run(passwordHash, id);
  }

  /** A successful sign-in. */
  recordLogin(id: string): void {
    this.unlisted(
      this.db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(nowIso(), id).changes,
    );
  }

  /** Remove a user (their sessions go with them: ON DELETE CASCADE). */
  delete(id: string): void {
    this.db.prepare('DELETE FROM users WHERE id = ?').run(id);
  }
}
