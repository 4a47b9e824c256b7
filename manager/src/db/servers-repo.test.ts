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
    // A reconcile's read: the same values, of the fields it compares and checks only.
    const observed = repo.listByAgentAfter('a1', '', 10);
    const full = [repo.findById(a!.id)!, one];
    expect(observed.map((r) => r.id)).toEqual(full.map((r) => r.id));
    for (const [i, r] of observed.entries()) {
      const { digestSeal, ...compared } = r;
      expect(full[i]).toMatchObject(compared);
      expect(Object.keys(compared)).toHaveLength(15);
      expect(compared).not.toHaveProperty('createdAt');
      expect(digestSeal).toBeNull(); // no pass stored one yet
    }
    expect(repo.findById(c!.id)).toBeUndefined(); // purged: invisible
    expect(repo.findManyById([])).toEqual([]);
  });

  it("store expected digests' seals for the next pass, as a cache no view shows", () => {
    const changed: string[] = [];
    const unlisted: number[] = [];
    repo = new ServersRepo(
      db,
      (id) => changed.push(id),
      (rows) => unlisted.push(rows),
    );
    const [a, b] = seedServers(dir, 'a1', 2);
    const before = repo.findById(a!.id)!;
    repo.recordDigestSeals([
      { serverId: a!.id, seal: 'seal-a' },
      { serverId: b!.id, seal: 'seal-b' },
    ]);
    const read = repo.listByAgentAfter('a1', '', 10);
    expect(read.map((r) => r.digestSeal)).toEqual(['seal-a', 'seal-b']);
    // Nothing a view shows changed: not published, not a new list version, updated_at kept.
    expect(changed).toEqual([]);
    expect(unlisted).toEqual([2]);
    expect(repo.findById(a!.id)).toEqual(before);
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
  it('store many servers left without a container: each its own status, no other row touched', () => {
    const changed: string[] = [];
    repo = new ServersRepo(db, (id) => changed.push(id));
    const servers = seedServers(dir, 'a1', 7);
    const long = '2000-01-01T00:00:00.000Z';
    db.prepare('UPDATE servers SET updated_at = ?, drift = \'[{"field":"name"}]\'').run(long);
    const untouched = servers.slice(5).map((s) => repo.findById(s.id)!);
    const drift = [{ field: 'env.K', expected: 'v', actual: null }];
    const [a, b, c, d, e] = servers.map((s) => s.id);
    repo.recordObserved([
      { serverId: a!, status: 'missing', containerId: null, drift: [] },
      { serverId: b!, status: 'running', containerId: 'c-b', drift },
      { serverId: c!, status: 'creating', containerId: null, drift: [] },
      { serverId: d!, status: 'missing', containerId: null, drift: [] },
      { serverId: e!, status: 'stopped', containerId: null, drift: [] },
    ]);
    const stored = (id: string) => {
      const s = repo.findById(id)!;
      return {
        status: s.status,
        containerId: s.containerId,
        drift: s.drift,
        at: s.updatedAt > long,
      };
    };
    expect([a!, b!, c!, d!, e!].map(stored)).toEqual([
      { status: 'missing', containerId: null, drift: [], at: true },
      { status: 'running', containerId: 'c-b', drift, at: true },
      { status: 'creating', containerId: null, drift: [], at: true },
      { status: 'missing', containerId: null, drift: [], at: true },
      { status: 'stopped', containerId: null, drift: [], at: true },
    ]);
    expect(servers.slice(5).map((s) => repo.findById(s.id))).toEqual(untouched);
    expect(changed).toEqual([a, b, c, d, e]);
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

  it('give the periodic check the longest-unchecked running servers it can check, whatever else fills the table', () => {
    const servers = seedServers(dir, 'a1', 8);
    const [noPath, queued, skipped, stopped, purged, recent, older, never] = servers;
    const at = (i: number) => `2026-01-01T00:00:0${i}.000Z`;
    servers.forEach((s, i) =>
      db.prepare('UPDATE servers SET data_checked_at = ? WHERE id = ?').run(at(i), s.id),
    );
    db.prepare('UPDATE servers SET data_checked_at = NULL WHERE id = ?').run(never!.id);
    // Only these have a folder of their own: the agent has none to lend the first.
    db.prepare("UPDATE servers SET server_data_path = '/srv' WHERE id != ?").run(noPath!.id);
    db.prepare(
      `INSERT INTO operations (id, server_id, agent_id, kind, state, requested_by, created_at)
       VALUES ('op', ?, 'a1', 'restart', 'queued', 'u', 'x'), ('done', ?, 'a1', 'restart', 'succeeded', 'u', 'x')`,
    ).run(queued!.id, older!.id);
    repo.update(stopped!.id, { status: 'stopped' });
    repo.update(purged!.id, { purgedAt: at(0) });
    repo.update(recent!.id, { dataCheckedAt: '2026-01-02T00:00:00.000Z' });

    const due = (agentPath: string | null, limit = 10) =>
      repo
        .listDueForDataCheck('a1', agentPath, '2026-01-01T12:00:00.000Z', [skipped!.id], limit)
        .map((s) => s.id);
    expect(due(null)).toEqual([never!.id, older!.id]);
    expect(due(null, 1)).toEqual([never!.id]);
    // With the agent's own data path, the server without one is checked too (oldest first).
    expect(due('/data')).toEqual([never!.id, noPath!.id, older!.id]);
  });
});
