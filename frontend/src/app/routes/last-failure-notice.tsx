import { Notice } from '@/components/ui/notice';
import { formatDateTime } from '@/lib/format-time';
import { useAudit } from '@/features/audit/api/get-audit';
import { useOperation } from '@/features/operations/api/get-operation';

function FailedOperation({ operationId }: { operationId: string }) {
  const { data: op } = useOperation(operationId);
  if (!op || op.state !== 'failed') return null;
  return (
    <Notice tone="danger" role="alert" title={`Last ${op.kind} failed`}>
      {op.error ? `${op.error.message} (${op.error.code})` : 'No reason was recorded.'} ·{' '}
      {formatDateTime(op.finishedAt)}. Nothing was changed in the world data; fix the cause and try
      again.
    </Notice>
  );
}

/** For a failed server: why its last operation failed (from the audit trail → the operation). */
export function LastFailureNotice({ serverId }: { serverId: string }) {
  const audit = useAudit(serverId);
  const lastFailed = audit.data?.find((e) => e.outcome === 'failed' && e.operationId);
  if (!lastFailed?.operationId) return null;
  return <FailedOperation operationId={lastFailed.operationId} />;
}
