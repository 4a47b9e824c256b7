import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations } from './connection';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'zedops-migrations-'));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

describe('applyMigrations', () => {
  it('applies a migration numbered below one already applied (branches merged in another order)', () => {
    const dir = migrationsDir({
      '001-a.sql': 'CREATE TABLE a (x INTEGER);',
      '003-c.sql': 'CREATE TABLE c (x INTEGER);',
    });
    const db = new Database(':memory:');
    applyMigrations(db, dir);
    writeFileSync(join(dir, '002-b.sql'), 'CREATE TABLE b (x INTEGER);');
    applyMigrations(db, dir);
    expect(tables(db)).toEqual(['a', 'b', 'c', 'schema_version']);
    // Each ran once: a third pass finds nothing to do (a rerun of CREATE TABLE would throw).
    applyMigrations(db, dir);
    const versions = db.prepare('SELECT version FROM schema_version ORDER BY version').all();
    expect(versions).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
  });

  it('a failing migration applies none of the pending ones', () => {
    const dir = migrationsDir({
      '001-a.sql': 'CREATE TABLE a (x INTEGER);',
      '002-broken.sql': 'CREATE TABLE nonsense (;',
    });
    const db = new Database(':memory:');
    expect(() => applyMigrations(db, dir)).toThrow();
    expect(tables(db)).toEqual(['schema_version']);
  });
});
