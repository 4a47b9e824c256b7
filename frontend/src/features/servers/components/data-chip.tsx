import type { Server } from '@contract/http/servers';
import { formatDateTime } from '@/lib/format-time';

/** Compact "Present / Not found / Unknown" for the last data check. */
export function DataChip({ server }: { server: Pick<Server, 'dataExists' | 'dataCheckedAt'> }) {
  const title = `Checked ${formatDateTime(server.dataCheckedAt)}`;
  if (server.dataExists === true)
    return (
      <span className="text-emerald-300" title={title}>
        Present
      </span>
    );
  if (server.dataExists === false)
    return (
      <span className="text-red-300" title={title}>
        Not found
      </span>
    );
  return <span className="text-zinc-400">Not checked</span>;
}
