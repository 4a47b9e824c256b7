import type { Operation } from '@contract/http/operations';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { formatDateTime, timeAgo } from '@/lib/format-time';
import { useCancelOperation } from '../api/cancel-operation';
import { operationName } from '@/lib/operation-names';

/**
 * A queued operation (agent offline, or one of a recover's waiting its turn): says when it will
 * run and lets the user cancel it.
 */
export function QueuedOperationNotice({
  operation,
  canCancel,
}: {
  operation: Operation;
  canCancel: boolean;
}) {
  const cancel = useCancelOperation();
  const toast = useToast();
  const onCancel = () => {
    if (cancel.isPending) return;
    cancel.mutate(operation.id, {
      onSuccess: () =>
        toast.show({ tone: 'info', title: `${operationName(operation.kind)} cancelled` }),
      onError: (err) =>
        toast.show({ tone: 'error', title: 'Could not cancel', message: errorMessage(err) }),
    });
  };
  return (
    // No live role: the "… queued" toast already said it through the one live region.
    <Notice
      tone="info"
      title={
        operation.progress?.phase === 'waiting-for-turn'
          ? 'Waiting for its turn — Recover all runs a few at a time'
          : 'Queued — will run when the agent reconnects'
      }
      action={
        canCancel ? (
          <Button size="sm" variant="secondary" onClick={onCancel} disabled={cancel.isPending}>
            {cancel.isPending ? 'Cancelling…' : 'Cancel'}
          </Button>
        ) : null
      }
    >
      {operationName(operation.kind)} requested by {operation.requestedBy}{' '}
      <time dateTime={operation.createdAt} title={formatDateTime(operation.createdAt)}>
        {timeAgo(operation.createdAt)}
      </time>
      {operation.allowFreshStart ? ' · fresh start confirmed' : null}
    </Notice>
  );
}
