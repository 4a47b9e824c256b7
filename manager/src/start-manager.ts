import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import type pino from 'pino';
import { buildApp } from './app';
import { serveDashboard } from './http/static-site';
import { ServerLists } from './http/server-lists';
import { RateLimiter } from './auth/rate-limit';
import { SessionService } from './auth/sessions';
import { ensureAdmin } from './bootstrap-admin';
import { AgentsRepo } from './db/agents-repo';
import { AuditRepo } from './db/audit-repo';
import { openDatabase, type Db } from './db/connection';
import { ListVersion } from './db/list-version';
import { OperationsRepo } from './db/operations-repo';
import { ServersRepo } from './db/servers-repo';
import { SessionsRepo } from './db/sessions-repo';
import { publicSnapshot, SnapshotsRepo } from './db/snapshots-repo';
import { UsersRepo } from './db/users-repo';
import { AgentLifecycle } from './domain/agent-lifecycle';
import { provisionAgent } from './domain/agents';
import { AutoRecreate } from './domain/auto-recreate';
import type { ManagerContext } from './domain/context';
import { DataWatch, defaultDataWatch, type DataWatchOptions } from './domain/data-watch';
import { DomainEvents } from './domain/domain-events';
import { PendingWrites } from './domain/pending-writes';
import { Reconciler } from './domain/reconcile';
import { Resumer } from './domain/resume';
import { publishChanges } from './domain/server-view';
import { ChangeFeed } from './live/change-feed';
import { LiveEvents } from './live/live-events';
import { createLogger } from './logger';
import { AgentHub } from './ws/agent-hub';
import type { HandshakeLimits } from './ws/handshake-limits';

export interface ManagerOptions {
  port?: number /* 0 = random */;
  host?: string /* default 0.0.0.0 */;
  dataDir: string;
  adminEmail?: string;
  adminPassword?: string;
  /** The built dashboard (dist/frontend); a folder that is not there serves the API alone. */
  staticDir?: string;
  /** Believe X-Forwarded-For/-Host/-Proto (ZEDOPS_TRUST_PROXY=true); only behind a reverse proxy. */
  trustProxy?: boolean;
  logger?: pino.Logger;
  /* test knobs */
  agentRequestTimeoutMs?: number;
  /** How long an interrupted operation waits for its agent (default 10 minutes). */
  resumeDeadlineMs?: number;
  autoRecreateBackoffMs?: number;
  heartbeatIntervalMs?: number;
  helloTimeoutMs?: number;
  agentHandshakeLimits?: HandshakeLimits;
  /** Test knob: sees the manager's own connection once it is open (to simulate a full disk). */
  onDatabaseOpen?: (db: Db) => void;
  /** How often writes kept during a storage outage are retried. */
  storageRetryMs?: number;
  /** The periodic data check of running servers (false: off, for tests that count checks). */
  dataWatch?: Partial<DataWatchOptions> | false;
  /** Clock for time windows (login rate limit, registration-token expiry); tests move it. */
  now?: () => number;
}

export interface RunningManager {
  url: string /* http://127.0.0.1:port */;
  port: number;
  /** Create-or-rotate an agent by name and return a registration token for it (used by the one-process launcher). */
  provisionAgent(input: {
    name: string;
    serverDataPath?: string;
    defaultImage?: string;
  }): Promise<{ agentId: string; token: string }>;
  close(): Promise<void>;
}

/** Open the database, recover from a previous run, and serve HTTP + the agent socket on one port. */
export async function startManager(options: ManagerOptions): Promise<RunningManager> {
  const logger = options.logger ?? createLogger();
  const db = openDatabase(options.dataDir);
  options.onDatabaseOpen?.(db);
  // Every server/operation write reaches the live stream through the change feed (once per tick).
  const feed = new ChangeFeed((changes) => publishChanges(ctx, changes));
  // What the server lists show changes with every write but these (db/list-version.ts).
  const listVersion = new ListVersion(db);
  const unlisted = (rows: number) => listVersion.unlisted(rows);
  const repos = {
    users: new UsersRepo(db, unlisted),
    sessions: new SessionsRepo(db, unlisted),
    agents: new AgentsRepo(db, unlisted),
    servers: new ServersRepo(db, (id) => feed.serverChanged(id), unlisted),
    operations: new OperationsRepo(db, (id, serverId) => feed.operationChanged(id, serverId)),
    audit: new AuditRepo(db, unlisted),
    snapshots: new SnapshotsRepo(
      db,
      (id) => feed.snapshotChanged(id),
      (snapshot) => feed.snapshotDeleted(publicSnapshot(snapshot)),
    ),
  };
  try {
    await ensureAdmin(repos.users, repos.audit, logger, options.adminEmail, options.adminPassword);
  } catch (err) {
    db.close();
    throw err;
  }
  // No await from here until `ctx` exists: the writes below schedule a change-feed flush
  // (a microtask) that publishes through `ctx`.
  recoverFromRestart(repos, logger);

  const hub = new AgentHub({
    agents: repos.agents,
    logger,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    helloTimeoutMs: options.helloTimeoutMs,
    handshakeLimits: options.agentHandshakeLimits,
    now: options.now,
  });
  const ctx: ManagerContext = {
    db,
    ...repos,
    hub,
    live: new LiveEvents(),
    logger,
    timeouts: {
      longMs: options.agentRequestTimeoutMs ?? 10 * 60_000,
      shortMs: options.agentRequestTimeoutMs ?? 30_000,
    },
    dockerAvailable: new Map(),
    // Taking the write lock (an empty IMMEDIATE transaction) fails while another process holds it.
    pendingWrites: new PendingWrites(
      logger,
      () => db.transaction(() => undefined).immediate(),
      options.storageRetryMs,
    ),
    lifecycle: { closed: false },
    events: new DomainEvents(),
    resumer: new Resumer(options.resumeDeadlineMs ?? 10 * 60_000),
    now: options.now ?? Date.now,
  };
  ctx.resumer.recoverAfterRestart(ctx);
  const autoRecreate = new AutoRecreate(ctx, options.autoRecreateBackoffMs ?? 10_000);
  const reconciler = new Reconciler(ctx, (agentId, vanished) =>
    autoRecreate.evaluate(agentId, vanished),
  );
  ctx.events.on('reconcile.requested', ({ agentId, serverId }) =>
    reconciler.schedule(agentId, serverId),
  );
  const agentLifecycle = new AgentLifecycle(ctx, reconciler);
  hub.setListener(agentLifecycle);
  ctx.pendingWrites.onRecovered(() => agentLifecycle.resumeAll());

  const dataWatch =
    options.dataWatch === false
      ? undefined
      : new DataWatch(ctx, { ...defaultDataWatch, ...options.dataWatch });
  dataWatch?.start();

  const lists = new ServerLists(ctx, listVersion);
  // The overview's list built once an agent's reconcile is in: the first page load finds it.
  ctx.events.on('agent.ready', () => lists.warmSoon());
  const app = buildApp({
    ctx,
    sessions: new SessionService(repos.sessions),
    loginLimiter: new RateLimiter(10, 60_000, options.now),
    reconcileNow: (agentId) => reconciler.run(agentId),
    lists,
    trustProxy: options.trustProxy ?? false,
  });
  if (options.staticDir && existsSync(options.staticDir)) serveDashboard(app, options.staticDir);
  else if (options.staticDir) {
    logger.info(
      { staticDir: options.staticDir },
      'no dashboard built there: serving the API alone',
    );
    // Someone opening the manager in a browser learns why there is no page, and what to do
    // (the folder itself is in the log, not shown to whoever asks).
    app.get('/', (c) =>
      c.text(
        'ZedOps: no dashboard is built for this manager, so it serves its API only. Run ' +
          '`npm run build`, or point ZEDOPS_STATIC_DIR at the built dashboard (its log names ' +
          'the folder it looked in).\n',
        404,
      ),
    );
  }

  const server = createAdaptorServer({ fetch: app.fetch }) as HttpServer;
  hub.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ url }, 'manager listening');

  return {
    url,
    port,
    provisionAgent: async (input) => provisionAgent(ctx, input),
    close: async () => {
      feed.flush(true);
      ctx.resumer.close();
      ctx.lifecycle.closed = true;
      lists.close();
      ctx.pendingWrites.close();
      reconciler.close();
      dataWatch?.close();
      autoRecreate.close();
      hub.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      db.close();
    },
  };
}

/** Operations left running by a previous process were cut short; nobody is connected yet. */
function recoverFromRestart(
  repos: {
    agents: AgentsRepo;
    sessions: SessionsRepo;
  },
  logger: pino.Logger,
): void {
  // Operations cut short by the restart are taken care of by the Resumer once the context exists.
  logger.debug('recovering from the previous run');
  repos.agents.markAllConnectedOffline();
  repos.sessions.deleteExpired();
}
