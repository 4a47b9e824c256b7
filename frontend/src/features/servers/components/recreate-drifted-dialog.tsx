import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DriftDiff } from './drift-diff';
import type { ServerDialogProps } from './server-dialog-props';

/** Recreate of a drifted container: replaced by one matching the stored config, data kept. */
export function RecreateDriftedDialog({ server, pending, onCancel, onConfirm }: ServerDialogProps) {
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onCancel()}
      title={`Recreate ${server.name} from its stored config?`}
      confirmLabel="Replace container"
      pending={pending}
      onConfirm={onConfirm}
      description={
        <>
          <p>
            Its container differs from the stored config. It is replaced with one built from the
            stored config, with the image it last ran
            {server.imageId ? ` (${server.imageId.replace(/^sha256:/, '').slice(0, 12)})` : ''}.
            Players are disconnected while it restarts.
          </p>
          <p className="font-medium text-emerald-300">
            World saves and player data will be preserved.
          </p>
        </>
      }
    >
      <DriftDiff drift={server.drift} />
    </ConfirmDialog>
  );
}
