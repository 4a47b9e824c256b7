import { randomUUID } from 'node:crypto';
import type { Role, User } from '@contract/http/auth';
import { nowIso, type Db } from './connection';

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  role: Role;
}

export interface UserWithHash extends User {
  passwordHash: string;
}

const toUser = (row: UserRow): UserWithHash => ({
  id: row.id,
  email: row.email,
  role: row.role,
  passwordHash: row.password_hash,
});

/** Users table access. */
export class UsersRepo {
  constructor(private readonly db: Db) {}

  /** Insert a user; the caller hashed the password. Throws on a duplicate email (UNIQUE). */
  create(email: string, passwordHash: string, role: Role): UserWithHash {
    const id = randomUUID();
    this.db
      .prepare(
        'INSERT INTO users (id, email, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, email, passwordHash, role, nowIso());
    return { id, email, role, passwordHash };
  }

  /** Find by (already lower-cased) email. */
  findByEmail(email: string): UserWithHash | undefined {
    const row = this.db.prepare('SELECT * FROM users WHERE email = ?').get(email) as
      UserRow | undefined;
    return row && toUser(row);
  }

  /** All users, oldest first. */
  list(): User[] {
    const rows = this.db
      .prepare('SELECT * FROM users ORDER BY created_at, email')
      .all() as UserRow[];
    return rows.map((r) => ({ id: r.id, email: r.email, role: r.role }));
  }

  /** Number of users (0 on first start). */
  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }
}
