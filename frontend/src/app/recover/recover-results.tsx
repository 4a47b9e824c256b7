import { useQueries } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Operation } from '@contract/http/operations';
import type { RecoverResponse, RecoverSkip } from '@contract/http/recover';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { isFinished, operationQueryOptions } from '@/features/operations/api/get-operation';
import { pollingIntervals, usePollWhileStreamDown } from '@/lib/polling';

/** How one recreate of a recover stands, in words and a colour that repeats them. */
export function recoverRowLook(op: Operation): { tone: BadgeTone; text: string } {
  switch (op.state) {
    case 'succeeded':
      return { tone: 'green', text: 'Recovered' };
    case 'failed':
      return { tone: 'red', text: `Failed (${op.error?.code ?? 'unknown'})` };
    case 'cancelled':
      return { tone: 'gray', text: 'Cancelled' };
    case 'queued':
      return op.progress?.phase === 'waiting-for-turn'
        ? { tone: 'gray', text: 'Waiting for its turn' }
        : { tone: 'orange', text: 'Queued until the agent reconnects' };
    case 'running': {
      const p = op.progress;
      if (p?.phase === 'pulling' && p.percent !== undefined)
        return { tone: 'blue', text: `Pulling image ${Math.round(p.percent)}%` };
      const phases: Record<string, string> = {
        'checking-data': 'Checking world data',
        pulling: 'Pulling image',
        creating: 'Creating container',
        starting: 'Starting',
      };
      return { tone: 'blue', text: (p && phases[p.phase]) ?? 'Recreating' };
    }
  }
}

function OperationRow({ operation: live, name }: { operation: Operation; name: string }) {
  const look = recoverRowLook(live);
  const detail = live.state === 'failed' ? live.error?.message : undefined;
  return (
    <Row name={name} detail={detail} detailTone="text-red-200">
      <Badge tone={look.tone} pulse={live.state === 'running'}>
        {look.text}
      </Badge>
    </Row>
  );
}

/** A line: the server's name and its badge, and under them the reason when there is one. */
function Row({
  name,
  detail,
  detailTone,
  children,
}: {
  name: string;
  detail: string | undefined;
  detailTone: string;
  children: ReactNode;
}) {
  return (
    <li className="py-2" data-testid="recover-row">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-mono text-xs text-zinc-200">{name}</span>
        {children}
      </div>
      {detail ? <p className={`mt-1 text-xs ${detailTone}`}>{detail}</p> : null}
    </li>
  );
}

const skipText: Partial<Record<RecoverSkip['code'], string>> = {
  DATA_MISSING: 'Skipped: no world data (never started fresh)',
  OPERATION_IN_PROGRESS: 'Skipped: busy with another operation',
  INVALID_STATE: 'Skipped: not missing any more',
  NOT_FOUND: 'Skipped: no such server',
  DATA_DIVERGED: 'Skipped: world data shrank',
};

/** Guidance for the user where the API's message speaks to API clients. */
const skipDetail: Partial<Record<RecoverSkip['code'], string>> = {
  DATA_DIVERGED:
    'Its world is much smaller than when it last ran, or Saves/ is gone. Open the server to compare the two and roll back to a snapshot, or recreate it there with the data as it is.',
};

function SkippedRow({ skip, name }: { skip: RecoverSkip; name: string }) {
  return (
    <Row name={name} detail={skipDetail[skip.code] ?? skip.message} detailTone="text-zinc-400">
      <Badge tone="amber">{skipText[skip.code] ?? `Skipped (${skip.code})`}</Badge>
    </Row>
  );
}

/**
 * Each recreate of a recover, current: live events write every followed operation, and while the
 * stream is down the unfinished ones are polled. The 202's copy shows until the first read lands.
 */
function useRecoverOperations(operations: Operation[]): Operation[] {
  const interval = usePollWhileStreamDown(pollingIntervals.active);
  const reads = useQueries({
    queries: operations.map((op) => ({
      ...operationQueryOptions(op.id),
      refetchInterval: (query: { state: { data?: Operation } }) =>
        query.state.data && isFinished(query.state.data) ? false : interval,
    })),
  });
  return operations.map((op, i) => reads[i]?.data ?? op);
}

/** "2 of 4 recovered · 1 failed · 1 skipped": said politely to screen readers as it changes. */
function summary(operations: Operation[], skipped: number): string {
  const count = (state: Operation['state']) => operations.filter((o) => o.state === state).length;
  const parts = [`${count('succeeded')} of ${operations.length} recovered`];
  const inProgress = operations.filter((o) => !isFinished(o)).length;
  if (inProgress) parts.push(`${inProgress} in progress`);
  if (count('failed')) parts.push(`${count('failed')} failed`);
  if (count('cancelled')) parts.push(`${count('cancelled')} cancelled`);
  if (skipped) parts.push(`${skipped} skipped`);
  return parts.join(' · ');
}

/** One line per server of a recover: its recreate, followed live, or why it was skipped. */
export function RecoverResults({
  result,
  nameOf,
}: {
  result: RecoverResponse;
  nameOf: (serverId: string) => string;
}) {
  const operations = useRecoverOperations(result.operations);
  return (
    <div className="space-y-3">
      <p
        role="status"
        aria-live="polite"
        className="font-medium text-zinc-100"
        data-testid="recover-summary"
      >
        {summary(operations, result.skipped.length)}
      </p>
      <ul className="divide-y divide-zinc-800" aria-label="Recover results">
        {operations.map((op) => (
          <OperationRow key={op.id} operation={op} name={nameOf(op.serverId)} />
        ))}
        {result.skipped.map((skip) => (
          <SkippedRow key={skip.serverId} skip={skip} name={nameOf(skip.serverId)} />
        ))}
      </ul>
    </div>
  );
}
