import type { OperationError } from '@contract/errors';
import type { Operation } from '@contract/http/operations';
import { auditActionForKind as auditActionFor } from '@contract/http/audit';
import type { StoreCore } from './core';
import { decideSnapshot, runHook } from './operation-hooks';
import { failureStepIndex, stepsFor } from './operation-steps';
import { failSnapshot, recordHealthy, removeServerSnapshots, setWorld, worldOf } from './snapshots';
import { pinAfterPull } from './registry';
import type { OperationPlan } from './state';

const isActive = (op: Operation) => op.state === 'queued' || op.state === 'running';

/**
 * Starts an accepted operation: runs it now, or leaves it queued until its agent is online, or
 * (one of a recover's) until fewer than its batch's concurrency run.
 */
export function launchOperation(core: StoreCore, operationId: string): void {
  const op = core.operation(operationId);
  const server = core.record(op.serverId);
  if (core.agent(server.agentId).status !== 'online') {
    op.progress = { phase: 'waiting-for-agent', message: 'Will run when the agent reconnects' };
    core.emitOperation(op);
    return;
  }
  const turn = core.plan(operationId)?.turn;
  if (turn && !turn.started) {
    const running = core.state.plans.filter((p) => p.turn?.batch === turn.batch && p.turn.started);
    if (running.length >= turn.concurrency) {
      const message = `Waiting for its turn: ${turn.concurrency} recreates run at a time`;
      op.progress = { phase: 'waiting-for-turn', message };
      core.emitOperation(op);
      return;
    }
    turn.started = true;
  }
  delete op.progress;
  const plan = core.plan(op.id);
  if (plan && plan.effect !== 'routine' && !plan.snapshot) decideSnapshot(core, plan, server);
  if (plan?.effect === 'rollback' && op.state === 'queued')
    plan.wasRunning = server.status === 'running';
  core.emitOperation(op);
  core.schedule(op.id, core.delayMs * 0.25, () => advance(core, op.id, 0));
}

function advance(core: StoreCore, operationId: string, index: number): void {
  const op = core.operation(operationId);
  const plan = core.plan(operationId);
  if (!isActive(op) || !plan) return;
  const server = core.record(op.serverId);

  if (index === 0) {
    op.state = 'running';
    op.startedAt ??= core.now(); // kept when a reload resumes an operation
  }
  const entered = stepsFor(plan)[index];
  if (entered && !runHook(core, op, plan, server, entered, failOperation)) return;
  const steps = stepsFor(plan);
  const injected = core.failures.get(server.id);
  if (injected && index === Math.min(failureStepIndex(steps), steps.length - 1)) {
    core.failures.delete(server.id);
    failOperation(core, op.id, injected);
    return;
  }

  const current = steps[index];
  if (!current) return;
  op.progress = current.progress;
  core.emitOperation(op);
  const next =
    index + 1 < steps.length ? () => advance(core, op.id, index + 1) : () => succeed(core, op.id);
  core.schedule(op.id, core.delayMs * current.weight, next);
}

function finish(core: StoreCore, op: Operation, plan: OperationPlan | undefined): void {
  core.unschedule(op.id);
  op.finishedAt = core.now();
  delete op.progress;
  core.state.plans = core.state.plans.filter((p) => p !== plan);
  const server = core.state.servers.find((s) => s.id === op.serverId);
  if (server && server.activeOperationId === op.id) server.activeOperationId = null;
  // A recover's recreate ended: the next of its batch may take the turn.
  const batch = plan?.turn?.batch;
  if (batch)
    for (const next of core.state.plans.filter((p) => p.turn?.batch === batch && !p.turn.started))
      launchOperation(core, next.operationId);
}

function succeed(core: StoreCore, operationId: string): void {
  const op = core.operation(operationId);
  const plan = core.plan(operationId);
  if (!isActive(op) || !plan) return;
  const server = core.record(op.serverId);
  op.state = 'succeeded';
  finish(core, op, plan);

  const freshContainer = () => {
    server.containerId = core.newId('ctr').replace(/-/g, '');
    server.status = 'running';
    server.dataExists = true;
    server.dataCheckedAt = core.now();
    // Built from the stored config: nothing differs.
    server.drift = [];
  };
  if (plan.effect === 'create' || plan.effect === 'replace' || plan.effect === 'routine') {
    // The new image (if one was set) now runs; a world accepted as it is becomes the healthy one.
    delete core.state.imageChanges[server.id];
    if (plan.allowDataDivergence) server.healthyFingerprint = worldOf(core, server);
  }
  switch (plan.effect) {
    case 'snapshot':
      break;
    case 'rollback': {
      const world = core.state.snapshotWorlds[plan.rollbackTo!] ?? null;
      setWorld(core, server, world);
      server.dataCheckedAt = core.now();
      server.healthyFingerprint = world && { ...world, takenAt: core.now() };
      if (plan.wasRunning) server.status = 'running';
      break;
    }
    case 'create':
    case 'replace':
      // A first create and a rebuild pull the tag: the server is pinned to what they got. A
      // recreate of a drifted container brings back the pinned image.
      if (op.kind === 'create' || op.kind === 'rebuild') {
        const pin = pinAfterPull(core, server);
        server.imageId = pin.imageId;
        server.imageDigest = pin.imageDigest;
      }
      freshContainer();
      server.deletedAt = null;
      break;
    case 'routine':
      // The recreate routine brings back the pinned image.
      freshContainer();
      server.deletedAt = null;
      break;
    case 'start':
    case 'restart':
      server.status = 'running';
      break;
    case 'stop':
      server.status = 'stopped';
      // A clean stop: the world as it is now is the last healthy one.
      recordHealthy(core, server);
      break;
    case 'delete':
      server.status = 'deleted';
      server.containerId = null;
      server.drift = [];
      server.deletedAt = core.now();
      break;
    case 'purge':
      server.containerId = null;
      if (plan.removeData) setWorld(core, server, null);
      if (plan.removeSnapshots) removeServerSnapshots(core, server.id);
      core.state.servers = core.state.servers.filter((s) => s !== server);
      break;
  }
  const details: Record<string, unknown> =
    plan.effect === 'routine' || plan.effect === 'create'
      ? { fresh: plan.fresh ?? plan.effect === 'create' }
      : {};
  if (plan.effect === 'purge') details.removeData = plan.removeData;
  core.audit({
    action: auditActionFor[op.kind],
    outcome: 'succeeded',
    actor: op.requestedBy,
    server,
    operationId: op.id,
    details,
  });
  if (plan.effect === 'routine' && op.kind !== 'recreate') {
    core.audit({
      action: 'server.recreated',
      outcome: 'succeeded',
      actor: op.requestedBy,
      server,
      operationId: op.id,
      details: { ...details, via: op.kind },
    });
  }
  // A purged server has no record left to emit; clients learn it from operation.updated.
  core.emitOperation(op);
}

/** Ends an active operation as failed and puts its server back where the user can retry. */
export function failOperation(core: StoreCore, operationId: string, error: OperationError): void {
  const op = core.operation(operationId);
  if (!isActive(op)) return;
  const plan = core.plan(operationId);
  const server = core.record(op.serverId);
  op.state = 'failed';
  op.error = error;
  if (plan?.snapshot) failSnapshot(core, plan.snapshot.id, error);
  finish(core, op, plan);
  // Refused before the container or the data was touched: the server is as it was.
  const untouched = ['SNAPSHOT_FAILED', 'DATA_DIVERGED'].includes(error.code);
  if (plan && untouched && plan.statusBefore) server.status = plan.statusBefore;
  else if (plan) {
    server.status = plan.revertStatus;
    if (plan.revertStatus === 'deleted') server.deletedAt = plan.revertDeletedAt;
    if (plan.effect === 'routine' || plan.effect === 'create' || plan.effect === 'replace') {
      server.containerId = null;
      server.drift = [];
    }
  }
  const details = {
    error: error.code,
    ...(plan?.effect === 'routine' ? { fresh: plan.fresh ?? false } : {}),
  };
  core.audit({
    action: auditActionFor[op.kind],
    outcome: 'failed',
    actor: op.requestedBy,
    server,
    operationId: op.id,
    details,
  });
  core.emitOperation(op);
}

/** Cancels a queued operation; the server keeps the status it had (no half states). */
export function cancelOperation(core: StoreCore, operationId: string, actor: string): Operation {
  const op = core.operation(operationId);
  const plan = core.plan(operationId);
  const server = core.record(op.serverId);
  op.state = 'cancelled';
  finish(core, op, plan);
  if (plan) server.status = plan.revertStatus;
  core.audit({
    action: auditActionFor[op.kind],
    outcome: 'cancelled',
    actor,
    server,
    operationId: op.id,
  });
  core.emitOperation(op);
  return op;
}

/** Agent reconnected: its queued operations run (with a fresh data check), waiting ones resume. */
export function runQueuedOperations(core: StoreCore, agentId: string): void {
  for (const server of core.state.servers.filter(
    (s) => s.agentId === agentId && s.activeOperationId,
  )) {
    const op = core.operation(server.activeOperationId!);
    if (op.state === 'queued' || op.progress?.phase === 'waiting-for-agent')
      launchOperation(core, op.id);
  }
}

/** Work the manager sends again with the same key after an interruption (see the manager's runner). */
const resumable = new Set([
  'routine',
  'create',
  'start',
  'stop',
  'restart',
  'snapshot',
  'rollback',
]);

/**
 * Agent disconnected: resumable operations it was running wait for it (the mocks keep no
 * deadline); the others end failed with AGENT_DISCONNECTED.
 */
export function failRunningOperations(core: StoreCore, agentId: string): void {
  for (const server of core.state.servers.filter(
    (s) => s.agentId === agentId && s.activeOperationId,
  )) {
    const op = core.operation(server.activeOperationId!);
    const plan = core.plan(op.id);
    if (op.state === 'running' && plan && resumable.has(plan.effect)) {
      core.unschedule(op.id);
      op.progress = {
        phase: 'waiting-for-agent',
        message: 'Waiting for the agent to come back; the work resumes where it stopped',
      };
      core.emitOperation(op);
    } else if (op.state === 'running') {
      failOperation(core, op.id, {
        code: 'AGENT_DISCONNECTED',
        message: 'The agent disconnected while the operation ran',
      });
    } else {
      core.unschedule(op.id);
      launchOperation(core, op.id);
    }
  }
}
