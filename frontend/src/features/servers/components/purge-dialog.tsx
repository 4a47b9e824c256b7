import { useId, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { serverDir } from './server-dir';
import type { ServerDialogProps } from './server-dialog-props';

/** Admin-only permanent removal; deleting the world is a separate, clearly destructive choice. */
export function PurgeDialog({
  server,
  pending,
  onCancel,
  onConfirm,
}: ServerDialogProps<(removeData: boolean) => void>) {
  const [removeData, setRemoveData] = useState(false);
  const id = useId();
  const where = serverDir(server) ?? 'its data folder';
  return (
    <ConfirmDialog
      open
      tone="danger"
      onOpenChange={(open) => !open && onCancel()}
      title={`Purge ${server.name}?`}
      confirmLabel={removeData ? 'Purge and delete world data' : 'Purge server'}
      pending={pending}
      onConfirm={() => onConfirm(removeData)}
      description={
        <>
          <p>
            The server record, its settings and its container are removed for good. It can no longer
            be restored from ZedOps.
          </p>
          <p>
            {removeData ? (
              <>
                <span className="font-semibold text-red-300">
                  The world saves, player data and game files in {where} will be permanently
                  deleted.
                </span>{' '}
                Only a folder whose ZedOps marker names this server is deleted; if it is missing or
                names another server, the purge stops and nothing is removed.
              </>
            ) : (
              <>
                The files in <code className="text-zinc-200">{where}</code> stay on the host.
              </>
            )}
          </p>
        </>
      }
    >
      <div className="flex items-start gap-2 rounded-md bg-red-500/10 p-3 ring-1 ring-red-500/30">
        <input
          id={id}
          type="checkbox"
          className="mt-0.5 size-4 accent-red-500"
          checked={removeData}
          onChange={(e) => setRemoveData(e.target.checked)}
        />
        <label htmlFor={id} className="text-red-100">
          Also delete the world data (saves, players, server files) — this cannot be undone
        </label>
      </div>
    </ConfirmDialog>
  );
}
