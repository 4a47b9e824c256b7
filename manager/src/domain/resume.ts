import type { OperationErrorCode } from '@contract/errors';
import type { StoredOperation } from '../db/operations-repo';
import type { ActionPlan } from './action-plans';
import type { ManagerContext } from './context';
import {
  endOperation,
  failure,
  isResumable,
  reportProgress,
  runOperation,
} from './operation-runner';

type Reason = Extract<OperationErrorCode, 'AGENT_DISCONNECTED' | 'INTERRUPTED'>;

const reasons: Record<Reason, string> = {
  AGENT_DISCONNECTED: 'The agent disconnected during the operation and did not come back in time',
  INTERRUPTED: 'The manager restarted during the operation and the agent did not come back in time',
};

/**
 * Operations cut short by an agent disconnect or a manager restart (docs/design.md §6 rule 4):
 * they wait for the agent ("waiting for agent"), and when it is back their work is sent again
 * with the same idempotency key — the agent answers from its record, adopts what it already
 * created, or finishes the work. Past the deadline they end failed.
 */
export class Resumer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deadlineMs: number) {}

  /** `op` lost its agent mid-way: wait for it until the deadline. */
  park(ctx: ManagerContext, op: StoredOperation, reason: Reason): void {
    const resumeBy = new Date(Date.now() + this.deadlineMs).toISOString();
    ctx.operations.setResumeBy(op.id, resumeBy);
    reportProgress(ctx, op.id, {
      phase: 'waiting-for-agent',
      message: 'Waiting for the agent to come back; the work resumes where it stopped',
    });
    this.arm(ctx, op.id, resumeBy, reason);
    ctx.logger.info({ operationId: op.id, resumeBy }, 'operation waits for its agent');
  }

  /** Manager start, nobody connected yet: resumable work waits, anything else ends INTERRUPTED. */
  recoverAfterRestart(ctx: ManagerContext): void {
    for (const op of ctx.operations.listByState('running')) {
      const plan = ctx.operations.planOf(op.id);
      const resumable = isResumable(plan);
      ctx.audit.record({
        actor: 'system',
        action: 'operation.interrupted',
        outcome: resumable ? 'requested' : 'failed',
        serverId: op.serverId,
        agentId: op.agentId,
        operationId: op.id,
        details: { kind: op.kind, resumable },
      });
      if (resumable) this.park(ctx, op, 'INTERRUPTED');
      else
        endOperation(
          ctx,
          op,
          failure(ctx, op, undefined, {
            code: 'INTERRUPTED',
            message: 'The manager restarted during this operation',
          }),
        );
    }
  }

  /** The agent is back: send every waiting operation's work again, with its own key. */
  resume(ctx: ManagerContext, agentId: string): void {
    for (const op of ctx.operations.listWaiting(agentId)) {
      const plan = ctx.operations.planOf(op.id);
      clearTimeout(this.timers.get(op.id));
      this.timers.delete(op.id);
      if (!ctx.operations.setResumeBy(op.id, null) || !isResumable(plan)) continue;
      ctx.logger.info({ operationId: op.id }, 'resuming an interrupted operation');
      void runOperation(ctx, op, plan as ActionPlan);
    }
  }

  /** Stop the deadline timers (shutdown). */
  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private arm(ctx: ManagerContext, operationId: string, resumeBy: string, reason: Reason): void {
    clearTimeout(this.timers.get(operationId));
    const timer = setTimeout(
      () => this.expire(ctx, operationId, reason),
      Math.max(0, Date.parse(resumeBy) - Date.now()),
    );
    timer.unref();
    this.timers.set(operationId, timer);
  }

  private expire(ctx: ManagerContext, operationId: string, reason: Reason): void {
    this.timers.delete(operationId);
    if (ctx.lifecycle.closed) return;
    const op = ctx.operations.listWaiting().find((w) => w.id === operationId);
    if (!op) return;
    const error = { code: reason, message: reasons[reason] };
    endOperation(ctx, op, failure(ctx, op, undefined, error));
  }
}
