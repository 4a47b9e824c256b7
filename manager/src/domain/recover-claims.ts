import type { ManagerContext } from './context';

/**
 * Queued operations a running recover will start itself, at its own pace. The reconnect queue
 * (`runQueuedOperations`) leaves them alone, so a recover's recreates never run more than its
 * `concurrency` at once. In memory on purpose: after a manager restart no recover runs, and the
 * reconnect queue takes them over one at a time.
 */
const claims = new WeakMap<ManagerContext, Set<string>>();

function claimsOf(ctx: ManagerContext): Set<string> {
  let set = claims.get(ctx);
  if (!set) {
    set = new Set();
    claims.set(ctx, set);
  }
  return set;
}

/** A recover will start this queued operation itself. */
export function claimForRecover(ctx: ManagerContext, operationId: string): void {
  claimsOf(ctx).add(operationId);
}

/** The recover is done with it (started, or gone). */
export function releaseFromRecover(ctx: ManagerContext, operationId: string): void {
  claimsOf(ctx).delete(operationId);
}

export function heldByRecover(ctx: ManagerContext, operationId: string): boolean {
  return claimsOf(ctx).has(operationId);
}
