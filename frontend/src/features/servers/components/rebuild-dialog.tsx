import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { ServerDialogProps } from './server-dialog-props';

/** Rebuild of an existing container: it is replaced from the stored config, data kept. */
export function RebuildDialog({ server, pending, onCancel, onConfirm }: ServerDialogProps) {
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onCancel()}
      title={`Rebuild ${server.name}?`}
      confirmLabel="Rebuild"
      pending={pending}
      onConfirm={onConfirm}
      description={
        <>
          <p>
            The container is replaced with a new one from the stored config (image{' '}
            {server.image ?? 'agent default'}:{server.imageTag}). Players are disconnected while it
            restarts.
          </p>
          <p className="font-medium text-emerald-300">
            World saves and player data will be preserved.
          </p>
        </>
      }
    />
  );
}
