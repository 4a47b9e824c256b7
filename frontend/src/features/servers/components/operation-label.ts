import type { Operation, OperationKind } from '@contract/http/operations';

const verbs: Record<OperationKind, string> = {
  create: 'Creating',
  start: 'Starting',
  stop: 'Stopping',
  restart: 'Restarting',
  rebuild: 'Rebuilding',
  recreate: 'Recreating',
  restore: 'Restoring',
  delete: 'Deleting',
  purge: 'Purging',
};

const nouns: Record<OperationKind, string> = {
  create: 'Create',
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  rebuild: 'Rebuild',
  recreate: 'Recreate',
  restore: 'Restore',
  delete: 'Delete',
  purge: 'Purge',
};

/** Capitalised name of an operation kind ("Recreate"). */
export const operationName = (kind: OperationKind) => nouns[kind];

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
  return `${verbs[operation.kind]}…`;
}
