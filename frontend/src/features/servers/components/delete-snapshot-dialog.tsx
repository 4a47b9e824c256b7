import type { Snapshot } from '@contract/http/snapshots';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { snapshotReasonLabel, snapshotSize, snapshotWhen } from './snapshot-labels';

type Props = { snapshot: Snapshot; pending: boolean; onCancel: () => void; onConfirm: () => void };

/** Admin only: the archive goes for good; the server's world itself is not touched. */
export function DeleteSnapshotDialog({ snapshot, pending, onCancel, onConfirm }: Props) {
  return (
    <ConfirmDialog
      open
      tone="danger"
      onOpenChange={(open) => !open && onCancel()}
      title="Delete this snapshot?"
      confirmLabel="Delete snapshot"
      pending={pending}
      onConfirm={onConfirm}
      description={
        <>
          <p>
            The snapshot taken {snapshotWhen(snapshot)} — {snapshotReasonLabel[snapshot.reason]},{' '}
            {snapshotSize(snapshot)}.
          </p>
          <p className="font-semibold text-red-300">
            The archive is deleted from the host for good: you can no longer roll back to it.
          </p>
          <p className="text-emerald-300">The server’s current world is not touched.</p>
        </>
      }
    />
  );
}
