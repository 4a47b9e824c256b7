import type { Operation } from '@contract/http/operations';
import { operationVerb } from '@/lib/operation-names';

/**
 * Percentage of the current phase when the agent reports one (percent, or current/total bytes):
 * image pulls, snapshots being written and snapshots being restored.
 */
export function progressPercent(operation: Operation): number | null {
  const p = operation.progress;
  if (!p) return null;
  if (p.percent !== undefined) return Math.round(p.percent);
  if (p.current !== undefined && p.total) return Math.round((p.current / p.total) * 100);
  return null;
}

const phaseLabel = { pulling: 'Pulling image', snapshotting: 'Snapshot', restoring: 'Restoring' };

/** What a busy button says: "Queued", "Pulling image 40%", "Snapshot 10%", "Recreating…". */
export function operationProgressLabel(operation: Operation): string {
  const phase = operation.progress?.phase;
  if (operation.state === 'queued' || phase === 'waiting-for-agent') return 'Queued';
  if (phase === 'pulling' || phase === 'snapshotting' || phase === 'restoring') {
    const percent = progressPercent(operation);
    return percent !== null ? `${phaseLabel[phase]} ${percent}%` : `${phaseLabel[phase]}…`;
  }
  return `${operationVerb(operation.kind)}…`;
}
