import type { Operation } from '@contract/http/operations';
import { operationVerb } from '@/lib/operation-names';

/** Pull percentage when Docker reported one (percent, or current/total bytes). */
function pullPercent(operation: Operation): number | null {
  const p = operation.progress;
  if (!p || p.phase !== 'pulling') return null;
  if (p.percent !== undefined) return Math.round(p.percent);
  if (p.current !== undefined && p.total) return Math.round((p.current / p.total) * 100);
  return null;
}

/** What a busy button says: "Queued", "Pulling image 40%", "Recreating…". */
export function operationProgressLabel(operation: Operation): string {
  if (operation.state === 'queued' || operation.progress?.phase === 'waiting-for-agent')
    return 'Queued';
  const percent = pullPercent(operation);
  if (percent !== null) return `Pulling image ${percent}%`;
  if (operation.progress?.phase === 'pulling') return 'Pulling image…';
  return `${operationVerb(operation.kind)}…`;
}
