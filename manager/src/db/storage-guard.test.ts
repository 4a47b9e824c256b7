import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageUnavailableError } from '../domain/errors';
import { AuditRepo } from './audit-repo';
import { busyTimeoutMs, openDatabase, type Db } from './connection';
import { UniqueConstraintError } from './storage-guard';

/** A real second connection, as another process (a backup tool, a second manager) would hold one. */
describe('storage errors at the db layer', () => {
  let dir: string;
  let db: Db;
  let other: Database.Database;
  const write = () =>
    new AuditRepo(db).record({ actor: 'test', action: 'agent.synced', outcome: 'succeeded' });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zedops-guard-'));
    db = openDatabase(dir);
    other = new Database(join(dir, 'zedops.db'));
  });
  afterEach(() => {
    other.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const refusal = (run: () => unknown): StorageUnavailableError => {
    try {
      run();
    } catch (err) {
      expect(err).toBeInstanceOf(StorageUnavailableError);
      return err as StorageUnavailableError;
    }
    throw new Error('expected StorageUnavailableError');
  };

  it('waits only briefly for a lock another process holds', () => {
    expect(db.pragma('busy_timeout', { simple: true })).toBe(busyTimeoutMs);
    expect(busyTimeoutMs).toBeLessThanOrEqual(100);
  });

  it('a held write lock: writes and transactions fail as STORAGE_UNAVAILABLE, reads work, then writes work again', () => {
    write();
    other.exec('BEGIN EXCLUSIVE');
    const busy = refusal(write);
    expect(busy.sqliteCode).toMatch(/^SQLITE_BUSY/);
    expect(busy.code).toBe('STORAGE_UNAVAILABLE');
    expect(refusal(() => db.transaction(write)()).sqliteCode).toMatch(/^SQLITE_BUSY/);
    expect(db.inTransaction).toBe(false);
    expect(new AuditRepo(db).list(undefined, 10)).toHaveLength(1);
    other.exec('ROLLBACK');
    write();
    expect(new AuditRepo(db).list(undefined, 10)).toHaveLength(2);
  });

  it('a full database (max_page_count reached) fails as STORAGE_UNAVAILABLE until there is room again', () => {
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const big = () =>
      new AuditRepo(db).record({
        actor: 'test',
        action: 'agent.synced',
        outcome: 'succeeded',
        details: { pad: 'x'.repeat(64 * 1024) },
      });
    expect(refusal(big).sqliteCode).toBe('SQLITE_FULL');
    expect(new AuditRepo(db).list(undefined, 10)).toHaveLength(0);
    db.pragma('max_page_count = 1073741823');
    big();
  });

  it('a unique violation is a UniqueConstraintError; a broken statement stays the driver error', () => {
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT UNIQUE)');
    db.prepare("INSERT INTO t VALUES ('a', 'x')").run();
    expect(() => db.prepare("INSERT INTO t VALUES ('b', 'x')").run()).toThrow(
      UniqueConstraintError,
    );
    expect(() => db.prepare('SELECT nope FROM t').get()).toThrow(Database.SqliteError);
    // Chained statement calls stay guarded.
    other.exec('BEGIN EXCLUSIVE');
    refusal(() => db.prepare("INSERT INTO t VALUES ('c', 'y')").bind().run());
    other.exec('ROLLBACK');
  });
});
