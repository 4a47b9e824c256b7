import type { StoredOperation } from '../db/operations-repo';
import type { ManagerContext } from './context';
import { StorageUnavailableError, toOperationError } from './errors';
import { finishOperation } from './operations';

/**
 * The last line of an operation's background work: something escaped its own error handling —
 * storage refused the write recording the outcome, or a bug. The operation ends as failed (now, or
 * once storage takes writes again; a no-op if it already ended) and reconcile converges the
 * server to what Docker shows. Never throws: background work must not take the process down.
 */
export function endEscapedFailure(ctx: ManagerContext, op: StoredOperation, err: unknown): void {
  try {
    if (err instanceof StorageUnavailableError) {
      ctx.logger.warn(
        { operationId: op.id, code: err.sqliteCode },
        'operation outcome not fully recorded: storage unavailable',
      );
      ctx.pendingWrites.noteOutage(err);
    } else ctx.logger.error({ operationId: op.id, err }, 'operation work failed unexpectedly');
    finishOperation(ctx, op.id, 'failed', toOperationError(err));
    ctx.events.emit('reconcile.requested', { agentId: op.agentId, serverId: op.serverId });
  } catch (last) {
    ctx.logger.error({ operationId: op.id, err: last }, 'could not end an operation');
  }
}
