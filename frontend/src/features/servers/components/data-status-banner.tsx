import type { Server } from '@contract/http/servers';
import { Notice } from '@/components/ui/notice';
import { formatDateTime, timeAgo } from '@/lib/format-time';
import { serverDir } from './server-dir';

/** What we know about the server's world data, how fresh it is, and what it means for recreate. */
export function DataStatusBanner({ server }: { server: Server }) {
  const where = serverDir(server);
  const checked = (
    <time dateTime={server.dataCheckedAt ?? undefined} title={formatDateTime(server.dataCheckedAt)}>
      {timeAgo(server.dataCheckedAt)}
    </time>
  );
  const offline =
    server.agentStatus !== 'online' ? (
      <p className="mt-1 text-orange-200">
        Agent offline — last known state from {formatDateTime(server.dataCheckedAt)}.
      </p>
    ) : null;
  if (server.dataExists === true)
    return (
      <Notice tone="success" title="World data present">
        Saves and player data{' '}
        {where ? (
          <>
            in <code>{where}</code>{' '}
          </>
        ) : null}
        were found (checked {checked}). Recreate and restore keep them.
        {offline}
      </Notice>
    );
  if (server.dataExists === false)
    return (
      <Notice tone="danger" title="No world data found">
        Nothing was found{' '}
        {where ? (
          <>
            in <code>{where}/data</code>{' '}
          </>
        ) : null}
        (checked {checked}). Recreating would start a new, empty world — you will be asked to
        confirm.
        {offline}
      </Notice>
    );
  return (
    <Notice tone="warning" title="World data not checked yet">
      ZedOps checks the data folder before any recreate or restore.
      {offline}
    </Notice>
  );
}
