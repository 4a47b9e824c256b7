import type { StoredOperation } from '../db/operations-repo';
import { agentReady, type ManagerContext } from './context';
import { reportProgress } from './operation-runner';
import { claimForRecover, releaseFromRecover } from './recover-claims';
import { planAndRun } from './server-actions';

/**
 * Run a recover's recreates, at most `concurrency` at once. `operations` are already claimed:
 * the first `concurrency` running, the rest queued (so each holds its server's slot from the
 * start). A worker takes the next queued one only when its previous one has ended; a queued one
 * cancelled meanwhile is passed over. While the agent is away the workers wait for it (a running
 * recreate cut short waits to be resumed and keeps its turn until it ends), and the reconnect
 * queue leaves the queued ones to them. Never rejects.
 */
export async function drainRecover(
  ctx: ManagerContext,
  agentId: string,
  operations: StoredOperation[],
  concurrency: number,
): Promise<void> {
  const waiting = operations.filter((op) => op.state === 'queued');
  for (const op of waiting) claimForRecover(ctx, op.id);
  const started = operations.filter((op) => op.state === 'running');
  let next = 0;
  const takeQueued = async (): Promise<StoredOperation | undefined> => {
    while (next < waiting.length) {
      const op = waiting[next++]!;
      if (!(await untilReady(ctx, agentId))) return undefined;
      releaseFromRecover(ctx, op.id);
      if (!ctx.operations.markRunning(op.id)) continue; // cancelled meanwhile
      reportProgress(ctx, op.id, { phase: 'checking-data', message: 'Checking world data' });
      return ctx.operations.findById(op.id);
    }
    return undefined;
  };
  const worker = async (first: StoredOperation | undefined) => {
    for (let op = first ?? (await takeQueued()); op; op = await takeQueued()) {
      await planAndRun(ctx, op);
      // Cut short by the agent leaving, it waits to be resumed: its turn lasts until it ends.
      await untilEnded(ctx, op.id);
    }
  };
  try {
    const workers = Math.max(started.length, Math.min(concurrency, waiting.length));
    await Promise.all(Array.from({ length: workers }, (_, i) => worker(started[i])));
  } catch (err) {
    ctx.logger.error({ agentId, err }, 'recover stopped');
  } finally {
    // Whatever is left queued (manager closing) goes back to the reconnect queue.
    for (const op of waiting) releaseFromRecover(ctx, op.id);
  }
}

/** Resolves once the operation has ended (at once if it already has). */
function untilEnded(ctx: ManagerContext, operationId: string): Promise<void> {
  return new Promise((resolve) => {
    const off = ctx.events.on('operation.ended', (event) => {
      if (event.operationId !== operationId) return;
      off();
      resolve();
    });
    const op = ctx.operations.findById(operationId);
    if (!op || (op.state !== 'queued' && op.state !== 'running')) {
      off();
      resolve();
    }
  });
}

/** True once the agent can take commands; false when the manager shuts down first. */
function untilReady(ctx: ManagerContext, agentId: string): Promise<boolean> {
  if (ctx.lifecycle.closed) return Promise.resolve(false);
  if (agentReady(ctx, agentId)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const off = ctx.events.on('agent.ready', (event) => {
      if (event.agentId !== agentId) return;
      off();
      resolve(!ctx.lifecycle.closed);
    });
  });
}
