import type { CheckDataResponse, Server } from '@contract/http/servers';
import { formatDateTime, timeAgo } from '@/lib/format-time';
import { serverDir } from './server-dir';

/** "Checked live just now" or, when the agent is offline, the cached answer and its age. */
export function DataCheckSummary({ check, server }: { check: CheckDataResponse; server: Server }) {
  const where = serverDir(server) ?? `the ${server.name} data folder`;
  if (check.source === 'cached') {
    return (
      <p className="rounded-md bg-orange-500/10 p-2 text-orange-200 ring-1 ring-orange-500/30">
        Agent offline — last known state from{' '}
        <time dateTime={check.checkedAt ?? undefined} title={formatDateTime(check.checkedAt)}>
          {check.checkedAt
            ? `${formatDateTime(check.checkedAt)} (${timeAgo(check.checkedAt)})`
            : 'never (no check on record)'}
        </time>
        . The action will be queued and run when the agent reconnects, with a fresh data check.
      </p>
    );
  }
  return (
    <p className="text-zinc-400">
      Checked live on the host just now: <code className="text-zinc-300">{where}/data</code>
    </p>
  );
}
