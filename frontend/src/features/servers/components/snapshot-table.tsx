import type { Snapshot } from '@contract/http/snapshots';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { formatBytes, formatFileCount } from '@/lib/format-bytes';
import { formatDateTime, timeAgo } from '@/lib/format-time';
import { snapshotReasonLabel } from './snapshot-labels';
import { SnapshotStatus } from './snapshot-status';

type Props = {
  serverName: string;
  snapshots: Snapshot[];
  /** Id of the visible text saying why Roll back is disabled (null: it is enabled). */
  rollbackDisabledBy: string | null;
  /** Operators and admins get Roll back; viewers only read. */
  canRollback: boolean;
  /** Admins get a Delete button per snapshot. */
  canDelete: boolean;
  /** Id of the visible text saying why Delete is disabled (null: it is enabled). */
  deleteDisabledBy: string | null;
  onRollback: (snapshot: Snapshot) => void;
  onDelete: (snapshot: Snapshot) => void;
};

/** The snapshots of a server, newest first: when, why, how big, whether it read back complete. */
export function SnapshotTable(props: Props) {
  const { snapshots, rollbackDisabledBy } = props;

  return (
    <DataTable
      caption={`Snapshots of ${props.serverName}, newest first`}
      columns={['Taken', 'Reason', 'Size', 'Status']}
    >
      <tbody>
        {snapshots.map((s) => {
          const taken = formatDateTime(s.createdAt);
          return (
            <tr key={s.id} className="border-t border-zinc-800 align-top">
              <td className="py-2 pr-4 whitespace-nowrap text-zinc-200">
                <time dateTime={s.createdAt} title={taken}>
                  {timeAgo(s.createdAt)}
                </time>
              </td>
              <td className="py-2 pr-4">
                <span className="text-zinc-200">{snapshotReasonLabel[s.reason]}</span>
                <span className="block text-xs text-zinc-400">by {s.requestedBy}</span>
              </td>
              <td className="py-2 pr-4 whitespace-nowrap font-mono text-zinc-200">
                {s.sizeBytes !== null ? formatBytes(s.sizeBytes) : '—'}
                {s.fileCount !== null ? (
                  <span className="block font-sans text-xs text-zinc-400">
                    {formatFileCount(s.fileCount)}
                  </span>
                ) : null}
              </td>
              <td className="py-2 pr-4">
                <SnapshotStatus snapshot={s} />
              </td>
              <td className="py-2">
                <div className="flex justify-end gap-2">
                  {props.canRollback && s.status === 'ready' ? (
                    <Button
                      size="sm"
                      disabled={rollbackDisabledBy !== null}
                      aria-describedby={rollbackDisabledBy ?? undefined}
                      aria-label={`Roll back to the snapshot from ${taken}`}
                      onClick={() => props.onRollback(s)}
                    >
                      Roll back
                    </Button>
                  ) : null}
                  {props.canDelete && s.status !== 'creating' ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      className="text-red-300 hover:text-red-200"
                      disabled={props.deleteDisabledBy !== null}
                      aria-describedby={props.deleteDisabledBy ?? undefined}
                      aria-label={`Delete the snapshot from ${taken}`}
                      onClick={() => props.onDelete(s)}
                    >
                      Delete
                    </Button>
                  ) : null}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
