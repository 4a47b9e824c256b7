import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { guardStorage } from './storage-guard';

export type Db = Database.Database;

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * How long one statement waits for another process's write lock. The driver is synchronous, so
 * this is time the whole event loop stands still: short, then STORAGE_UNAVAILABLE
 * (docs/decisions/0022-storage-outages.md).
 */
export const busyTimeoutMs = 50;

/**
 * Open (creating if needed) `${dataDir}/zedops.db` with WAL + foreign keys, apply pending
 * migrations, and return it guarded: driver errors arrive translated (db/storage-guard.ts).
 */
export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = guardStorage(new Database(join(dataDir, 'zedops.db')));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  applyMigrations(db);
  return db;
}

/**
 * Apply every `NNN-name.sql` file not yet recorded in schema_version, in number order, all in one
 * transaction. Set-based rather than "newer than the highest": a migration numbered below one
 * already applied (branches merged in another order) is still applied.
 */
export function applyMigrations(db: Db, dir: string = migrationsDir): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_version').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const pending = readdirSync(dir)
    .filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f))
    .map((f) => ({ version: Number(f.slice(0, 3)), file: f }))
    .filter((m) => !applied.has(m.version))
    .sort((a, b) => a.version - b.version);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) {
      db.exec(readFileSync(join(dir, m.file), 'utf8'));
      db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(
        m.version,
        nowIso(),
      );
    }
  })();
}

/** The one timestamp convention: ISO-8601 UTC. */
export function nowIso(): string {
  return new Date().toISOString();
}
