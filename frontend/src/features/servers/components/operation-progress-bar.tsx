import type { Operation, OperationProgress } from '@contract/http/operations';
import { formatBytes } from '@/lib/format-bytes';
import { operationVerb } from '@/lib/operation-names';
import { progressPercent } from './operation-label';

const phaseText: Partial<Record<OperationProgress['phase'], string>> = {
  'waiting-for-agent': 'Waiting for the agent',
  'checking-data': 'Checking the world data',
  stopping: 'Stopping the server',
  snapshotting: 'Taking a snapshot of the world',
  restoring: 'Restoring the snapshot',
  starting: 'Starting the server',
};

/**
 * A running operation as a labelled progress bar: its phase, bytes done of total when the agent
 * reports them, and the percentage (indeterminate until there is one).
 */
export function OperationProgressBar({ operation }: { operation: Operation }) {
  const p = operation.progress;
  const phase = p && phaseText[p.phase];
  // "Rebuilding: Taking a snapshot of the world"; a snapshot operation needs no prefix.
  const label = !phase
    ? `${operationVerb(operation.kind)}…`
    : operation.kind === 'snapshot'
      ? phase
      : `${operationVerb(operation.kind)}: ${phase}`;
  const percent = progressPercent(operation);
  const bytes =
    p?.current !== undefined && p.total
      ? `${formatBytes(p.current)} of ${formatBytes(p.total)}`
      : null;
  return (
    <div className="space-y-1" data-testid="operation-progress">
      <div className="flex justify-between gap-3 text-xs text-zinc-300">
        <span>{label}</span>
        <span className="font-mono text-zinc-400">
          {[bytes, percent !== null ? `${percent}%` : null].filter(Boolean).join(' · ')}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        className="h-2 overflow-hidden rounded-full bg-zinc-800"
      >
        <div
          className={
            percent === null
              ? 'h-full w-1/3 animate-pulse rounded-full bg-sky-500/60'
              : 'h-full rounded-full bg-sky-400 transition-[width]'
          }
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
