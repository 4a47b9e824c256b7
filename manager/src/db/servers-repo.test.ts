import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedServers } from '../testing/seed-servers';
import { openDatabase, type Db } from './connection';
import { ServersRepo } from './servers-repo';

describe('server rows read as arrays', () => {
  let dir: string;
  let db: Db;
  let repo: ServersRepo;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zedops-servers-'));
    db = openDatabase(dir);
    db.prepare(
      "INSERT INTO agents (id, name, status, created_at) VALUES ('a1', 'host', 'online', 'x')",
    ).run();
    repo = new ServersRepo(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('become the same records one by one, in slices, or many at once, in the order asked', () => {
    const [a, b, c] = seedServers(dir, 'a1', 3);
    const fingerprint = { fileCount: 2, totalBytes: 10, hasSaves: true, takenAt: 'T' };
    const drift = [{ field: 'name', expected: 'x', actual: 'y' }];
    repo.update(b!.id, { config: { K: 'v' }, healthyFingerprint: fingerprint, drift });
    repo.update(c!.id, { purgedAt: '2026-01-01T00:00:00.000Z' });

    const one = repo.findById(b!.id)!;
    expect(one).toMatchObject({ config: { K: 'v' }, healthyFingerprint: fingerprint, drift });
    expect(one).toMatchObject({ agentId: 'a1', status: 'running', dataExists: true });
    expect(repo.findManyById([b!.id, 'no-such-id', c!.id, a!.id])).toEqual([
      one,
      repo.findById(a!.id),
    ]);
    expect(repo.listByAgentAfter('a1', '', 10)).toEqual([repo.findById(a!.id), one]);
    expect(repo.findById(c!.id)).toBeUndefined(); // purged: invisible
    expect(repo.findManyById([])).toEqual([]);
  });

  it("store a reconcile's observations for many servers at once, each reported as changed", () => {
    const changed: string[] = [];
    repo = new ServersRepo(db, (id) => changed.push(id));
    const [a, b, c] = seedServers(dir, 'a1', 3);
    const long = '2000-01-01T00:00:00.000Z';
    db.prepare('UPDATE servers SET updated_at = ?').run(long);
    const before = repo.findById(c!.id)!;
    const drift = [{ field: 'env.K', expected: 'v', actual: null }];
    repo.recordObserved([
      { serverId: a!.id, status: 'missing', containerId: null, drift: [] },
      { serverId: b!.id, status: 'stopped', containerId: 'c-b', drift },
    ]);
    expect(repo.findById(a!.id)).toMatchObject({ status: 'missing', containerId: null, drift: [] });
    expect(repo.findById(b!.id)).toMatchObject({ status: 'stopped', containerId: 'c-b', drift });
    expect(repo.findById(b!.id)!.updatedAt > long).toBe(true);
    expect(repo.findById(c!.id)).toEqual(before); // not in the batch: untouched
    expect(changed).toEqual([a!.id, b!.id]);
  });
  it('store data checks: the check time always, a change of presence as a change, a healthy fingerprint only when there is one', () => {
    const changed: string[] = [];
    repo = new ServersRepo(db, (id) => changed.push(id));
    const [a, b, c] = seedServers(dir, 'a1', 3);
    const long = '2000-01-01T00:00:00.000Z';
    const kept = { fileCount: 1, totalBytes: 1, hasSaves: true, takenAt: 'old' };
    repo.update(b!.id, { healthyFingerprint: kept });
    db.prepare('UPDATE servers SET updated_at = ?').run(long);
    const fresh = { fileCount: 2, totalBytes: 10, hasSaves: true, takenAt: 'new' };
    const at = '2026-01-01T00:00:00.000Z';
    const before = repo.findById(c!.id)!;
    changed.length = 0;
    repo.recordDataChecks([
      { serverId: a!.id, dataExists: true, checkedAt: at, changed: false, healthy: fresh },
      { serverId: b!.id, dataExists: false, checkedAt: at, changed: true },
    ]);
    // The check time alone is bookkeeping: no updated_at, no live change.
    expect(repo.findById(a!.id)).toMatchObject({
      dataExists: true,
      dataCheckedAt: at,
      healthyFingerprint: fresh,
      updatedAt: long,
    });
    // A change of presence is a change; no new healthy fingerprint keeps the last one.
    const bAfter = repo.findById(b!.id)!;
    expect(bAfter).toMatchObject({
      dataExists: false,
      dataCheckedAt: at,
      healthyFingerprint: kept,
    });
    expect(bAfter.updatedAt > long).toBe(true);
    expect(repo.findById(c!.id)).toEqual(before);
    expect(changed).toEqual([b!.id]);
  });
});
