import type { OperationError } from '@contract/errors';
import type { Operation } from '@contract/http/operations';
import {
  automaticSnapshotReason,
  divergenceGuardRefuses,
  type LifecycleRoute,
} from '@contract/lifecycle';
import type { StoreCore } from './core';
import type { OperationStep } from './operation-steps';
import { beginSnapshot, completeSnapshot, newSnapshotId, worldOf } from './snapshots';
import type { OperationPlan, ServerRecord } from './state';

/**
 * What happens as an operation enters a step (operation-steps.ts `hook`): the recreate routine's
 * live data check with its guards, and the snapshot that starts or is read back. A hook that ends
 * the operation calls `fail` (the runner's failOperation) and returns false.
 */
type Fail = (core: StoreCore, operationId: string, error: OperationError) => void;

/** The lifecycle route each mock effect stands for. */
const routeOf: Record<OperationPlan['effect'], LifecycleRoute> = {
  routine: 'recreate',
  create: 'recreate',
  replace: 'replace',
  start: 'start',
  stop: 'stop',
  restart: 'restart',
  delete: 'remove',
  purge: 'remove',
  snapshot: 'snapshot',
  rollback: 'rollback',
};

/** The automatic snapshot the work takes first, when there is a world to protect (or a manual one). */
export function decideSnapshot(core: StoreCore, plan: OperationPlan, server: ServerRecord): void {
  if (plan.effect === 'snapshot') {
    plan.snapshot = { id: newSnapshotId(), reason: 'manual' };
    core.operation(plan.operationId).snapshotId = plan.snapshot.id;
    return;
  }
  const { kind } = core.operation(plan.operationId);
  if (kind === 'create') return; // a first create has no world yet
  const reason = automaticSnapshotReason({
    action: kind,
    route: routeOf[plan.effect],
    imageChangePending: core.state.imageChanges[server.id] === true,
    removeData: plan.removeData,
  });
  if (reason && server.dataExists === true) plan.snapshot = { id: newSnapshotId(), reason };
}

/** The recreate routine's live data check, repeated when the operation really runs. False: it failed. */
function checkData(
  core: StoreCore,
  op: Operation,
  plan: OperationPlan,
  server: ServerRecord,
  failOperation: Fail,
): boolean {
  server.dataCheckedAt = core.now();
  plan.fresh = server.dataExists !== true;
  if (plan.fresh && !plan.allowFreshStart) {
    failOperation(core, op.id, {
      code: 'DATA_MISSING',
      message: `No world data found for ${server.name}; a fresh start needs allowFreshStart: true`,
    });
    return false;
  }
  const healthy = server.healthyFingerprint;
  const current = worldOf(core, server);
  const guards = ['fingerprint'] as const;
  if (
    healthy &&
    current &&
    divergenceGuardRefuses({
      dataGuards: guards,
      healthy,
      current,
      dataExists: server.dataExists,
      allowDataDivergence: plan.allowDataDivergence === true,
    })
  ) {
    failOperation(core, op.id, {
      code: 'DATA_DIVERGED',
      message: `The world of ${server.name} diverged from its last healthy fingerprint`,
      details: { healthy, current },
    });
    return false;
  }
  decideSnapshot(core, plan, server);
  return true;
}

/** Run the hook of the step being entered; false when it ended the operation. */
export function runHook(
  core: StoreCore,
  op: Operation,
  plan: OperationPlan,
  server: ServerRecord,
  current: OperationStep,
  failOperation: Fail,
): boolean {
  switch (current.hook) {
    case 'check-data':
      return checkData(core, op, plan, server, failOperation);
    case 'snapshot-begin': {
      if (plan.effect === 'snapshot' && server.dataExists !== true) {
        // A snapshot queued while the agent was away finds no world to archive now.
        failOperation(core, op.id, {
          code: 'DATA_MISSING',
          message: `No world data found for ${server.name}; nothing to snapshot`,
        });
        return false;
      }
      beginSnapshot(core, op, { ...plan, snapshot: plan.snapshot! });
      const injected = core.snapshotFailures.get(server.id);
      if (!injected) return true;
      core.snapshotFailures.delete(server.id);
      failOperation(core, op.id, injected);
      return false;
    }
    case 'snapshot-done':
      completeSnapshot(core, server, plan.snapshot!.id);
      return true;
    default:
      return true;
  }
}
