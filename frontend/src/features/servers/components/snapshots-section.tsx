import { useCallback, useId, useRef } from 'react';
import type { Role } from '@contract/http/auth';
import type { Server } from '@contract/http/servers';
import { Button } from '@/components/ui/button';
import { DialogReturnFocus } from '@/components/ui/dialog-return-focus';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-client';
import { useSnapshots } from '../api/get-snapshots';
import { actionDisabledReason, reasons } from './action-availability';
import { DeleteSnapshotDialog } from './delete-snapshot-dialog';
import { OperationProgressBar } from './operation-progress-bar';
import { RollbackDialog } from './rollback-dialog';
import { SnapshotTable } from './snapshot-table';
import { useSnapshotActions } from './use-snapshot-actions';

const noDataReason = 'No world data was found: there is nothing to snapshot';

/** Operations whose progress is about archives: their own kinds, and the snapshot a rebuild takes first. */
const showsArchiveProgress = (server: Server) => {
  const op = server.activeOperation;
  if (!op || op.state !== 'running') return false;
  return (
    op.kind === 'snapshot' ||
    op.kind === 'rollback' ||
    op.progress?.phase === 'snapshotting' ||
    op.progress?.phase === 'restoring'
  );
};

/**
 * The server page's Snapshots card: Snapshot now (operators), the list with Roll back, Delete for
 * admins, and a live progress bar while a snapshot is written or restored. Disabled buttons
 * point at their visible reason.
 */
export function SnapshotsSection({ server, role }: { server: Server; role: Role }) {
  const snapshots = useSnapshots(server.id);
  const actions = useSnapshotActions(server);
  const baseId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  // A dialog gives focus back to the button that opened it, or to the section when that button
  // is disabled by now (the rollback it started runs) or gone (its snapshot was deleted).
  const returnFocusTo = useCallback((): HTMLElement | null => {
    const opener = openerRef.current;
    if (opener?.isConnected && !(opener as HTMLButtonElement).disabled) return opener;
    return sectionRef.current;
  }, []);
  const open = (next: Parameters<typeof actions.open>[0]) => {
    openerRef.current =
      document.activeElement instanceof HTMLElement ? document.activeElement : null;
    actions.open(next);
  };

  const busyReason = actions.busy ? reasons.busy : null;
  const snapshotReason =
    actionDisabledReason(server, role, 'snapshot') ??
    busyReason ??
    (server.dataExists === false ? noDataReason : null);
  const rollbackReason = actionDisabledReason(server, role, 'rollback') ?? busyReason;
  const deleteReason = role === 'admin' ? busyReason : null;
  const shown = [
    ...new Set([snapshotReason, rollbackReason, deleteReason].filter((r) => r !== null)),
  ];
  const reasonId = (reason: string | null) =>
    reason === null ? null : `${baseId}-reason-${shown.indexOf(reason)}`;

  const list = snapshots.data ?? [];
  const { dialog } = actions;
  return (
    <section
      ref={sectionRef}
      tabIndex={-1}
      aria-labelledby={`${baseId}-title`}
      className="space-y-4"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1 basis-64">
          <h2
            id={`${baseId}-title`}
            className="text-sm font-medium tracking-wide text-zinc-400 uppercase"
          >
            Snapshots
          </h2>
          <p className="mt-1 text-xs text-zinc-400">
            Taken on request and before every rebuild, image change, rollback and purge. The{' '}
            {server.snapshotRetention} newest automatic ones are kept; manual ones stay until
            deleted.
          </p>
        </div>
        {role !== 'viewer' ? (
          <Button
            size="sm"
            className="shrink-0"
            disabled={snapshotReason !== null}
            aria-describedby={reasonId(snapshotReason) ?? undefined}
            onClick={() => void actions.snapshotNow()}
          >
            Snapshot now
          </Button>
        ) : null}
      </div>
      {showsArchiveProgress(server) && server.activeOperation ? (
        <OperationProgressBar operation={server.activeOperation} />
      ) : null}
      {role !== 'viewer'
        ? shown.map((reason) => (
            <p key={reason} id={reasonId(reason) ?? undefined} className="text-xs text-zinc-400">
              {reason}
            </p>
          ))
        : null}
      {snapshots.isPending ? (
        <Spinner label="Loading snapshots" />
      ) : snapshots.isError ? (
        <p role="alert" className="text-sm text-red-300">
          Could not load the snapshots: {errorMessage(snapshots.error)}
        </p>
      ) : list.length === 0 ? (
        <p className="text-sm text-zinc-400">No snapshots yet.</p>
      ) : (
        <SnapshotTable
          serverName={server.name}
          snapshots={list}
          rollbackDisabledBy={role === 'viewer' ? null : reasonId(rollbackReason)}
          canRollback={role !== 'viewer'}
          canDelete={role === 'admin'}
          deleteDisabledBy={reasonId(deleteReason)}
          onRollback={(snapshot) => open({ kind: 'rollback', snapshot })}
          onDelete={(snapshot) => open({ kind: 'delete', snapshot })}
        />
      )}
      <DialogReturnFocus.Provider value={returnFocusTo}>
        {dialog.kind === 'rollback' ? (
          <RollbackDialog
            server={server}
            snapshot={dialog.snapshot}
            pending={actions.rollingBack}
            onCancel={actions.close}
            onConfirm={() => void actions.confirmRollback(dialog.snapshot)}
          />
        ) : null}
        {dialog.kind === 'delete' ? (
          <DeleteSnapshotDialog
            snapshot={dialog.snapshot}
            pending={actions.deleting}
            onCancel={actions.close}
            onConfirm={() => void actions.confirmDelete(dialog.snapshot)}
          />
        ) : null}
      </DialogReturnFocus.Provider>
    </section>
  );
}
