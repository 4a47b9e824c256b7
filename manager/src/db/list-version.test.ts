import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManagerContext } from '../domain/context';
import { buildListJson, ServerLists } from '../http/server-lists';
import { AgentsRepo } from './agents-repo';
import { AuditRepo } from './audit-repo';
import { openDatabase, type Db } from './connection';
import { ListVersion } from './list-version';
import { OperationsRepo } from './operations-repo';
import { ServersRepo } from './servers-repo';
import { SessionsRepo } from './sessions-repo';
import { UsersRepo } from './users-repo';
import { seedServers } from '../testing/seed-servers';

describe('the server lists version', () => {
  let dir: string;
  let db: Db;
  let version: ListVersion;
  let repos: {
    users: UsersRepo;
    sessions: SessionsRepo;
    agents: AgentsRepo;
    audit: AuditRepo;
    servers: ServersRepo;
    operations: OperationsRepo;
  };
  let agentId: string;
  let userId: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zedops-list-version-'));
    db = openDatabase(dir);
    version = new ListVersion(db);
    const unlisted = (rows: number) => version.unlisted(rows);
    repos = {
      users: new UsersRepo(db, unlisted),
      sessions: new SessionsRepo(db, unlisted),
      agents: new AgentsRepo(db, unlisted),
      audit: new AuditRepo(db, unlisted),
      servers: new ServersRepo(db),
      operations: new OperationsRepo(db),
    };
    agentId = repos.agents.create({
      name: 'host-a',
      serverDataPath: '/srv/a',
      defaultImage: null,
      adminRoots: [],
      tokenHash: 'hash',
      tokenExpiresAt: new Date().toISOString(),
    }).id;
    userId = repos.users.create({ email: 'a@test.local', passwordHash: 'x', role: 'admin' }).id;
    repos.servers.insert({
      id: 'server-1',
      agentId,
      name: 'alpha',
      image: null,
      imageTag: 'latest',
      config: {},
      gamePort: 16261,
      udpPort: 16262,
      rconPort: 27015,
      serverDataPath: null,
      autoRecreate: false,
    });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** True when `write` changed the version. */
  const changes = (write: () => void) => {
    const before = version.current();
    write();
    return version.current() !== before;
  };

  it('stays the same through writes no list shows: sign-in, sessions, heartbeats, the audit log', () => {
    expect(changes(() => repos.sessions.create('token-1', userId, '2999-01-01T00:00:00Z'))).toBe(
      false,
    );
    expect(changes(() => repos.users.recordLogin(userId))).toBe(false);
    expect(changes(() => repos.agents.touch(agentId))).toBe(false);
    expect(
      changes(() =>
        repos.audit.record({ actor: 'a', action: 'agent.synced', outcome: 'succeeded' }),
      ),
    ).toBe(false);
    expect(changes(() => repos.sessions.delete('token-1'))).toBe(false);
    expect(changes(() => repos.sessions.deleteExpired())).toBe(false);
    // A statement that matched no row changed nothing.
    expect(changes(() => repos.servers.update('no-such-server', { status: 'running' }))).toBe(
      false,
    );
  });

  it('changes with every write a list may show, whoever makes it', () => {
    expect(changes(() => repos.servers.update('server-1', { status: 'missing' }))).toBe(true);
    expect(changes(() => repos.servers.update('server-1', { config: { A: 'b' } }))).toBe(true);
    expect(changes(() => repos.agents.setStatus(agentId, 'offline', 'gone'))).toBe(true);
    expect(changes(() => repos.agents.update(agentId, { serverDataPath: '/srv/b' }))).toBe(true);
    const start = () =>
      repos.operations.insert({
        id: 'op-1',
        serverId: 'server-1',
        agentId,
        kind: 'stop',
        state: 'running',
        requestedBy: 'a',
        allowFreshStart: false,
      });
    expect(changes(start)).toBe(true);
    expect(changes(() => repos.operations.finish('op-1', 'succeeded'))).toBe(true);
    expect(changes(() => version.bump())).toBe(true);
    // Another connection's commit (an admin's sqlite3 shell).
    const other = new Database(join(dir, 'zedops.db'));
    try {
      expect(changes(() => other.prepare("UPDATE servers SET status = 'running'").run())).toBe(
        true,
      );
    } finally {
      other.close();
    }
  });

  it('keeps a list answer exactly while the version holds', async () => {
    const ctx = { ...repos, db } as unknown as ManagerContext;
    const lists = new ServerLists(ctx, version);
    const first = lists.answer({ shape: 'columns', role: 'admin' }, false);
    // An ask while it is being prepared waits for the same build.
    expect(lists.answer({ shape: 'columns', role: 'admin' })).toBe(first);
    await first;
    repos.agents.touch(agentId);
    repos.sessions.create('token-2', userId, '2999-01-01T00:00:00Z');
    expect(lists.answer({ shape: 'columns', role: 'admin' })).toBe(first);
    // Viewers get their own (masked) answer; operators share the admins'.
    expect(lists.answer({ shape: 'columns', role: 'viewer' })).not.toBe(first);
    expect(lists.answer({ shape: 'columns', role: 'operator' })).toBe(first);
    expect(lists.answer({ role: 'admin', shape: undefined })).not.toBe(first);
    repos.servers.update('server-1', { status: 'stopped' });
    const next = lists.answer({ shape: 'columns', role: 'admin' });
    expect(next).not.toBe(first);
    expect(Buffer.from((await next).json).toString()).toContain('"stopped"');
  });

  it('builds a big list a slice at a time into the same bytes, as the database was when asked', async () => {
    const ctx = { ...repos, db } as unknown as ManagerContext;
    const lists = new ServerLists(ctx, version);
    seedServers(dir, agentId, 2500, 20_000);
    // Some variety: configs with a secret, statuses, an active operation, an offline agent.
    db.prepare(
      `UPDATE servers SET config = json_object('RCON_PASSWORD', name, 'MAX_PLAYERS', '8')
       WHERE rowid % 7 = 0`,
    ).run();
    db.prepare("UPDATE servers SET status = 'stopped' WHERE rowid % 5 = 0").run();
    repos.operations.insert({
      id: 'op-2',
      serverId: 'server-1',
      agentId,
      kind: 'start',
      state: 'queued',
      requestedBy: 'a',
      allowFreshStart: false,
    });
    let online = false;
    repos.agents.setStatus(agentId, 'offline', 'gone');
    for (const role of ['admin', 'viewer'] as const)
      for (const shape of [undefined, 'columns'] as const)
        for (const scope of [undefined, agentId]) {
          const list = { agentId: scope, shape, role };
          // Prepared ahead (the warm-up's pace: the event loop runs between slices).
          const asked = lists.answer(list, false);
          const then = buildListJson(ctx, list);
          // A write while the answer is being built is the next version's.
          repos.servers.update('server-1', { config: { TURN: `${role}-${shape}-${scope}` } });
          online = !online;
          repos.agents.setStatus(agentId, online ? 'online' : 'offline', null);
          expect(Buffer.from((await asked).json).toString()).toBe(then);
          expect(Buffer.from((await lists.answer(list)).json).toString()).toBe(
            buildListJson(ctx, list),
          );
        }
  });
});
