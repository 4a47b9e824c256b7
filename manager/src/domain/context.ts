import type pino from 'pino';
import type { AgentsRepo } from '../db/agents-repo';
import type { AuditRepo } from '../db/audit-repo';
import type { Db } from '../db/connection';
import type { OperationsRepo } from '../db/operations-repo';
import type { ServersRepo } from '../db/servers-repo';
import type { SessionsRepo } from '../db/sessions-repo';
import type { SnapshotsRepo } from '../db/snapshots-repo';
import type { UsersRepo } from '../db/users-repo';
import type { LiveEvents } from '../live/live-events';
import type { AgentGateway } from './agent-gateway';
import type { DomainEvents } from './domain-events';
import type { PendingWrites } from './pending-writes';
import type { Resumer } from './resume';

/** Command timeouts: create/replace include an image pull, so they get the long one. */
export interface AgentTimeouts {
  longMs: number;
  shortMs: number;
}

/** Everything domain routines need, built once in start-manager.ts. */
export interface ManagerContext {
  db: Db;
  users: UsersRepo;
  sessions: SessionsRepo;
  agents: AgentsRepo;
  servers: ServersRepo;
  operations: OperationsRepo;
  audit: AuditRepo;
  snapshots: SnapshotsRepo;
  /** The agents, over their WebSocket connections. */
  hub: AgentGateway;
  live: LiveEvents;
  logger: pino.Logger;
  timeouts: AgentTimeouts;
  /** Docker reachability per connected agent (from hello, heartbeat, docker.status). */
  dockerAvailable: Map<string, boolean>;
  /** Writes kept and retried while the database refuses them (locked, disk full). */
  pendingWrites: PendingWrites;
  /** Set when the manager shuts down: late timers must not touch the closed database. */
  lifecycle: { closed: boolean };
  /** In-process events between domain parts that must not import each other. */
  events: DomainEvents;
  /** Operations waiting for their agent after an interruption. */
  resumer: Resumer;
  /** Clock for time limits (registration-token expiry); tests move it instead of waiting. */
  now: () => number;
}

/** The agent can take commands now: socket authenticated and Docker reachable. */
export function agentReady(ctx: ManagerContext, agentId: string): boolean {
  return ctx.hub.isConnected(agentId) && ctx.dockerAvailable.get(agentId) !== false;
}
