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
});
