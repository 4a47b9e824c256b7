import type { OperationError } from '@contract/errors';
import type { Operation } from '@contract/http/operations';
import {
  fingerprintDiverged,
  type Fingerprint,
  type Snapshot,
  type SnapshotReason,
} from '@contract/http/snapshots';
import { fixtureWorld } from '../fixtures';
import type { StoreCore } from './core';
import { InvalidStateError, NotFoundError } from './errors';
import type { OperationPlan, ServerRecord } from './state';

/**
 * Snapshots in the mock store: records, the worlds they hold, retention, and the last healthy
 * fingerprint — the same rules as the manager (docs/design.md, snapshots and fingerprint guard).
 */

/** What the server's `data/` measures on the host now. */
export function worldOf(core: StoreCore, server: ServerRecord): Fingerprint | null {
  if (server.id in core.state.worlds) return core.state.worlds[server.id] ?? null;
  return server.dataExists === true ? { ...fixtureWorld, takenAt: core.now() } : null;
}

/** Put a world on the host (null: `data/` absent); `dataExists` follows it. */
export function setWorld(core: StoreCore, server: ServerRecord, world: Fingerprint | null): void {
  core.state.worlds[server.id] = world;
  server.dataExists = world !== null && world.fileCount > 0;
}

/**
 * A running server's world (or one just cleanly stopped) becomes its healthy fingerprint,
 * unless it diverged from the healthy one: that is only accepted explicitly.
 */
export function recordHealthy(core: StoreCore, server: ServerRecord): void {
  const world = worldOf(core, server);
  if (!world || server.dataExists !== true) return;
  const healthy = server.healthyFingerprint;
  if (healthy && fingerprintDiverged(healthy, world)) return;
  server.healthyFingerprint = { ...world, takenAt: core.now() };
}

/** Snapshots of a server, newest first. */
export function listSnapshots(core: StoreCore, serverId: string): Snapshot[] {
  return core.state.snapshots
    .filter((s) => s.serverId === serverId)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((s) => ({ ...s }));
}

export function findSnapshot(core: StoreCore, snapshotId: string): Snapshot {
  const snapshot = core.state.snapshots.find((s) => s.id === snapshotId);
  if (!snapshot) throw new NotFoundError('Snapshot not found');
  return snapshot;
}

function emitSnapshot(core: StoreCore, snapshot: Snapshot): void {
  core.events.emit({ type: 'snapshot.updated', snapshot: { ...snapshot } });
  core.changed();
}

function removeSnapshot(core: StoreCore, snapshot: Snapshot): void {
  core.state.snapshots = core.state.snapshots.filter((s) => s !== snapshot);
  delete core.state.snapshotWorlds[snapshot.id];
  core.events.emit({ type: 'snapshot.deleted', snapshot: { ...snapshot } });
  core.changed();
}

/** A uuid for a new snapshot (the contract's SnapshotId). */
export function newSnapshotId(): string {
  return crypto.randomUUID();
}

/** The snapshot step begins: the record shows `creating`. */
export function beginSnapshot(
  core: StoreCore,
  op: Operation,
  plan: OperationPlan & { snapshot: { id: string; reason: SnapshotReason } },
): void {
  const snapshot: Snapshot = {
    id: plan.snapshot.id,
    serverId: op.serverId,
    reason: plan.snapshot.reason,
    status: 'creating',
    verified: false,
    sizeBytes: null,
    fileCount: null,
    createdAt: core.now(),
    requestedBy: op.requestedBy,
    operationId: op.id,
  };
  core.state.snapshots.push(snapshot);
  emitSnapshot(core, snapshot);
}

/** The archive was written and read back: ready, then the retention drops old automatic ones. */
export function completeSnapshot(core: StoreCore, server: ServerRecord, snapshotId: string): void {
  const snapshot = core.state.snapshots.find((s) => s.id === snapshotId);
  if (!snapshot || snapshot.status !== 'creating') return;
  const world = worldOf(core, server);
  core.state.snapshotWorlds[snapshot.id] = world;
  snapshot.status = 'ready';
  snapshot.verified = true;
  // A gzip'd world is about 40 % of its bytes; the marker file is archived with it.
  snapshot.fileCount = (world?.fileCount ?? 0) + 1;
  snapshot.sizeBytes = Math.round((world?.totalBytes ?? 0) * 0.4) + 1024;
  emitSnapshot(core, snapshot);
  pruneSnapshots(core, server, snapshot.id);
}

export function failSnapshot(core: StoreCore, snapshotId: string, error: OperationError): void {
  const snapshot = core.state.snapshots.find((s) => s.id === snapshotId);
  if (!snapshot || snapshot.status !== 'creating') return;
  snapshot.status = 'failed';
  snapshot.error = { code: error.code, message: error.message };
  emitSnapshot(core, snapshot);
}

/** Keep the newest `snapshotRetention` ready automatic snapshots (never manual, never `keep`). */
function pruneSnapshots(core: StoreCore, server: ServerRecord, keep: string): void {
  const automatic = listSnapshots(core, server.id).filter(
    (s) => s.reason !== 'manual' && s.status === 'ready' && s.id !== keep,
  );
  for (const old of automatic.slice(Math.max(0, server.snapshotRetention - 1))) {
    removeSnapshot(core, findSnapshot(core, old.id));
    core.audit({
      action: 'snapshot.pruned',
      outcome: 'succeeded',
      actor: 'system',
      server,
      details: { snapshotId: old.id, reason: old.reason },
    });
  }
}

/**
 * DELETE /api/snapshots/:id (admin): the archive is deleted on the agent, so an offline agent
 * refuses (nothing changes); a snapshot an active operation writes or restores is refused too.
 */
export function deleteSnapshot(core: StoreCore, snapshotId: string, actor: string): void {
  const snapshot = findSnapshot(core, snapshotId);
  const server = core.state.servers.find((s) => s.id === snapshot.serverId);
  const inUse = core.state.plans.some(
    (p) => p.snapshot?.id === snapshotId || p.rollbackTo === snapshotId,
  );
  if (inUse)
    throw new InvalidStateError(
      'An active operation uses this snapshot; try again when it has ended',
    );
  if (server && core.agent(server.agentId).status !== 'online')
    throw new InvalidStateError(
      'Agent offline: the snapshot is deleted from its host, so it needs the agent to be connected',
    );
  removeSnapshot(core, snapshot);
  core.audit({
    action: 'snapshot.deleted',
    outcome: 'succeeded',
    actor,
    server,
    details: { snapshotId, reason: snapshot.reason },
  });
}

/** A purge with removeSnapshots: every snapshot of the server goes with it. */
export function removeServerSnapshots(core: StoreCore, serverId: string): void {
  for (const snapshot of core.state.snapshots.filter((s) => s.serverId === serverId))
    removeSnapshot(core, snapshot);
}

/** Test knob: a ready manual snapshot of the server's current world, without an operation. */
export function seedSnapshot(core: StoreCore, serverId: string): Snapshot {
  const server = core.record(serverId);
  const snapshot: Snapshot = {
    id: newSnapshotId(),
    serverId,
    reason: 'manual',
    status: 'creating',
    verified: false,
    sizeBytes: null,
    fileCount: null,
    createdAt: core.now(),
    requestedBy: 'system',
    operationId: null,
  };
  core.state.snapshots.push(snapshot);
  completeSnapshot(core, server, snapshot.id);
  return { ...snapshot };
}
