import type { OperationError } from '@contract/errors';
import type { Agent, AgentStatus } from '@contract/http/agents';
import { isAdminOnlyAuditAction, type AuditEntry } from '@contract/http/audit';
import type { Role, User } from '@contract/http/auth';
import type { Operation } from '@contract/http/operations';
import type { DriftItem, Server } from '@contract/http/servers';
import type { Fingerprint, Snapshot } from '@contract/http/snapshots';
import { compareByName } from '@contract/name-order';
import { buildFixtureState } from './fixtures';
import { acceptOperation } from './store/accept-operation';
import * as accounts from './store/accounts';
import * as agentAdmin from './store/agents';
import { StoreCore } from './store/core';
import { checkData, syncAgent } from './store/data-check';
import { InvalidStateError } from './store/errors';
import type { LiveEventListener } from './store/live-events';
import {
  cancelOperation,
  failRunningOperations,
  launchOperation,
  runQueuedOperations,
} from './store/operation-runner';
import {
  purgeServer,
  requestAction,
  requestRollback,
  requestSnapshot,
  softDeleteServer,
} from './store/server-actions';
import * as snapshots from './store/snapshots';
import { recoverAgent } from './store/recover';
import { publishImage, rebuildPreview, type RegistryImage } from './store/registry';
import { createServer, updateServer } from './store/server-create';
import type { MockState } from './store/state';

const core = new StoreCore(buildFixtureState());

/** Binds a store function to the one store, for the handler-facing methods below. */
function withCore<A extends unknown[], R>(
  fn: (core: StoreCore, ...args: A) => R,
): (...args: A) => R {
  return (...args) => fn(core, ...args);
}

/** Resumes operations after a reload: running ones start their phases again, queued ones wait. */
function resumeOperations(): void {
  for (const server of core.state.servers) {
    if (server.activeOperationId) launchOperation(core, server.activeOperationId);
  }
}

/**
 * The in-memory manager behind the MSW handlers, plus knobs for tests and the dev dashboard.
 * `reset()` restores the fixtures but keeps the operation delay setting.
 */
export const mockDb = {
  /** Back to the fixtures: drops timers, sessions, injected failures and every change. */
  reset(): void {
    core.clearTimers();
    core.failures.clear();
    core.snapshotFailures.clear();
    core.state = buildFixtureState();
    core.onChange?.();
  },
  /** Replaces the whole state (the browser's sessionStorage copy) and resumes its operations. */
  hydrate(state: MockState): void {
    core.clearTimers();
    core.state = state;
    resumeOperations();
  },
  /** A deep copy of the state, for persistence. */
  snapshot(): MockState {
    return structuredClone(core.state);
  },
  /** Called after every change. */
  onChange(listener: (() => void) | null): void {
    core.onChange = listener;
  },
  /** Listens to live events (server.updated / operation.updated / agent.updated); returns unsubscribe. */
  subscribe(listener: LiveEventListener): () => void {
    return core.events.subscribe(listener);
  },

  // ── knobs ──────────────────────────────────────────────────────────────────
  /** How long each operation phase takes (default 1200 ms; tests use ~30). */
  setOperationDelayMs(ms: number): void {
    core.delayMs = ms;
  },
  /** What the host has: data present or not under `{dataPath}/{name}/data` (null: never checked). */
  setDataExists(serverId: string, exists: boolean | null): void {
    const server = core.record(serverId);
    delete core.state.worlds[serverId]; // the world follows: a default one, or none
    server.dataExists = exists;
    server.dataCheckedAt = exists === null ? null : core.now();
    core.emitServer(server);
  },
  /** Agent goes online (queued operations run) or offline (running ones fail AGENT_DISCONNECTED). */
  setAgentStatus(agentId: string, status: AgentStatus): void {
    const agent = core.agent(agentId);
    agent.status = status;
    agent.statusReason =
      status === 'online'
        ? null
        : status === 'offline'
          ? 'Agent connection lost'
          : 'Waiting for the agent to connect';
    if (status === 'online') agent.lastSeenAt = core.now();
    core.emitAgent(agent);
    if (status === 'online') runQueuedOperations(core, agentId);
    else failRunningOperations(core, agentId);
  },
  /** What `data/` measures on the host now (null: absent); `dataExists` follows. */
  setWorld(serverId: string, world: Fingerprint | null): void {
    const server = core.record(serverId);
    snapshots.setWorld(core, server, world);
    core.emitServer(server);
  },
  /** The server's last healthy fingerprint, as if taken while it ran. */
  setHealthyFingerprint(serverId: string, fingerprint: Fingerprint | null): void {
    const server = core.record(serverId);
    server.healthyFingerprint = fingerprint;
    core.emitServer(server);
  },
  /** The next snapshot of this server (manual or automatic) fails; the step it guards does not run. */
  failNextSnapshot(serverId: string, reason = 'not-writable'): void {
    core.record(serverId);
    core.snapshotFailures.set(serverId, {
      code: 'SNAPSHOT_FAILED',
      message: `The snapshot could not be written (${reason}); nothing was changed`,
      details: { reason },
    });
  },
  /** A ready manual snapshot of the server's world as it is now, without an operation. */
  seedSnapshot(serverId: string): Snapshot {
    return snapshots.seedSnapshot(core, serverId);
  },
  /** The next operation on this server ends `failed` with this error. */
  failNextOperation(serverId: string, error: OperationError): void {
    core.record(serverId);
    core.failures.set(serverId, error);
  },
  /** What reconcile would see of the server's container: how it differs from the stored config. */
  setDrift(serverId: string, drift: DriftItem[]): void {
    const server = core.record(serverId);
    server.drift = server.containerId ? drift.map((d) => ({ ...d })) : [];
    core.emitServer(server);
  },
  /** Simulates `docker rm -f` of the server's container: it becomes missing (auto-recreate if opted in). */
  removeContainer(serverId: string): void {
    const server = core.record(serverId);
    if (server.status === 'deleted') return;
    server.status = 'missing';
    server.containerId = null;
    server.drift = [];
    core.emitServer(server);
    const agentOnline = core.agent(server.agentId).status === 'online';
    if (
      server.autoRecreate &&
      server.dataExists === true &&
      agentOnline &&
      !server.activeOperationId
    ) {
      acceptOperation(
        core,
        server,
        'recreate',
        { effect: 'routine', revertStatus: 'missing' },
        'system',
      );
    }
  },
  /** A new image under `image:tag` in the registry (the tag moves); a rebuild's preview sees it. */
  publishImage(ref: string): RegistryImage {
    const image = publishImage(core, ref);
    core.changed();
    return image;
  },
  /** The registry refuses connections (previews cannot compare) or answers again. */
  setRegistryDown(down: boolean): void {
    core.state.registryDown = down;
    core.changed();
  },
  /** Test helper: a session for the first user with this role, without a login request. */
  signInAs(role: Role): User {
    return accounts.signInAs(core, role);
  },
  signOut(): void {
    accounts.logout(core);
  },
  /** Marks a user's password as the one generated at first start (the dashboard's banner). */
  setGeneratedPassword(userId: string, generated: boolean): void {
    const user = core.state.users.find((u) => u.id === userId);
    if (!user) throw new Error(`no user ${userId}`);
    user.generatedPassword = generated;
    core.changed();
  },

  // ── reads ──────────────────────────────────────────────────────────────────
  server(serverId: string): Server {
    return core.view(core.record(serverId));
  },
  servers(agentId?: string): Server[] {
    if (agentId) core.agent(agentId);
    return core.state.servers
      .filter((s) => !agentId || s.agentId === agentId)
      .map((s) => core.view(s))
      .sort(compareByName);
  },
  agents(): Agent[] {
    return core.state.agents.map((a) => ({ ...a })).sort(compareByName);
  },
  agent(agentId: string): Agent {
    return { ...core.agent(agentId) };
  },
  operation(operationId: string): Operation {
    return { ...core.operation(operationId) };
  },
  /** Operations of one server, newest first. */
  operations(serverId: string): Operation[] {
    return core.state.operations
      .filter((o) => o.serverId === serverId)
      .reverse()
      .map((o) => ({ ...o }));
  },
  /** Audit entries, newest first, optionally for one server; sign-ins and account changes only with `includeAdminOnly`. */
  audit(serverId?: string, limit = 100, includeAdminOnly = true): AuditEntry[] {
    const entries = core.state.audit.filter(
      (e) =>
        (!serverId || e.serverId === serverId) &&
        (includeAdminOnly || !isAdminOnlyAuditAction(e.action)),
    );
    return entries
      .slice(-limit)
      .reverse()
      .map((e) => ({ ...e, details: { ...e.details } }));
  },
  /** Snapshots of a server (kept after a purge unless removeSnapshots), newest first. */
  snapshots(serverId: string): Snapshot[] {
    return snapshots.listSnapshots(core, serverId);
  },
  currentUser(): User | null {
    return accounts.sessionUser(core);
  },

  // ── what the handlers call ────────────────────────────────────────────────
  login: withCore(accounts.login),
  logout: withCore(accounts.logout),
  users: withCore(accounts.listUsers),
  createUser: withCore(accounts.createUser),
  updateUser: withCore(accounts.updateUser),
  deleteUser: withCore(accounts.deleteUser),
  resetPassword: withCore(accounts.resetPassword),
  changeOwnPassword: withCore(accounts.changeOwnPassword),
  createAgent: withCore(agentAdmin.createAgent),
  updateAgent: withCore(agentAdmin.updateAgent),
  deleteAgent: withCore(agentAdmin.deleteAgent),
  rotateAgentToken: withCore(agentAdmin.rotateAgentToken),
  createServer: withCore(createServer),
  updateServer: withCore(updateServer),
  requestAction: withCore(requestAction),
  softDeleteServer: withCore(softDeleteServer),
  purgeServer: withCore(purgeServer),
  requestSnapshot: withCore(requestSnapshot),
  requestRollback: withCore(requestRollback),
  deleteSnapshot: withCore(snapshots.deleteSnapshot),
  recoverAgent: withCore(recoverAgent),
  checkData: withCore(checkData),
  rebuildPreview: withCore(rebuildPreview),
  syncAgent: withCore(syncAgent),
  /** DELETE /api/operations/:id — only a queued operation can be cancelled. */
  cancelOperation(operationId: string, actor: string): Operation {
    const op = core.operation(operationId);
    if (op.state !== 'queued')
      throw new InvalidStateError(
        `Operation ${op.kind} is ${op.state}; only a queued operation can be cancelled`,
        { state: op.state },
      );
    return { ...cancelOperation(core, operationId, actor) };
  },
};

export type MockDb = typeof mockDb;
