import type { AuditEntry } from '@contract/http/audit';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-client';
import { formatDateTime, timeAgo } from '@/lib/format-time';
import { useAudit } from '../api/get-audit';

const outcomeTone: Record<AuditEntry['outcome'], BadgeTone> = {
  requested: 'blue',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'gray',
};

/** One line of extra facts worth showing (fresh start, error message). */
function detailText(entry: AuditEntry): string | null {
  const parts: string[] = [];
  if (entry.details.fresh === true || entry.details.allowFreshStart === true)
    parts.push('fresh world');
  const error = entry.details.error;
  if (typeof error === 'string') parts.push(error);
  else if (
    error &&
    typeof error === 'object' &&
    'message' in error &&
    typeof error.message === 'string'
  )
    parts.push(error.message);
  if (typeof entry.details.message === 'string') parts.push(entry.details.message);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** Recent operations and who asked for them. */
export function AuditList({ serverId, limit = 15 }: { serverId?: string; limit?: number }) {
  const audit = useAudit(serverId);
  if (audit.isPending) return <Spinner label="Loading activity" />;
  if (audit.isError)
    return (
      <p role="alert" className="text-sm text-red-300">
        Could not load activity: {errorMessage(audit.error)}
      </p>
    );
  const entries = audit.data.slice(0, limit);
  if (entries.length === 0) return <p className="text-sm text-zinc-500">No activity yet.</p>;
  return (
    <ol className="divide-y divide-zinc-800" aria-label="Recent activity">
      {entries.map((entry) => {
        const detail = detailText(entry);
        return (
          <li key={entry.id} className="space-y-1 py-2.5 text-sm">
            <div className="flex items-center gap-2">
              <span className="font-mono text-zinc-200">{entry.action}</span>
              <Badge tone={outcomeTone[entry.outcome]}>{entry.outcome}</Badge>
            </div>
            <div className="flex items-center justify-between gap-2 text-xs text-zinc-500">
              <span className="truncate">{entry.actor}</span>
              <time dateTime={entry.at} title={formatDateTime(entry.at)}>
                {timeAgo(entry.at)}
              </time>
            </div>
            {detail ? <p className="text-xs text-zinc-400">{detail}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
