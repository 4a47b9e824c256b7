import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { ServerDialogProps } from './server-dialog-props';

/** Soft delete: says what goes (the container) and what stays (the world, restorable). */
export function DeleteDialog({ server, pending, onCancel, onConfirm }: ServerDialogProps) {
  return (
    <ConfirmDialog
      open
      tone="danger"
      onOpenChange={(open) => !open && onCancel()}
      title={`Delete ${server.name}?`}
      confirmLabel="Delete server"
      pending={pending}
      onConfirm={onConfirm}
      description={
        <>
          <p>The container is stopped and removed; players on it are disconnected.</p>
          <p className="font-medium text-emerald-300">
            World data is kept on the host, and the server can be restored later from the agent
            page.
          </p>
        </>
      }
    />
  );
}
