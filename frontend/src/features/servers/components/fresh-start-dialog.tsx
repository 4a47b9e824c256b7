import { useId, useState } from 'react';
import type { CheckDataResponse, ServerAction } from '@contract/http/servers';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { operationName } from '@/lib/operation-names';
import { DataCheckSummary } from './data-check-summary';
import type { ServerDialogProps } from './server-dialog-props';

type Props = ServerDialogProps & {
  action: ServerAction;
  check: CheckDataResponse | null;
  /** The server refused with DATA_MISSING: the data vanished after the first check. */
  vanished: boolean;
  serverMessage?: string;
};

/** Destructive: no world data, so going on creates an empty world. Needs an explicit tick. */
export function FreshStartDialog({
  server,
  action,
  check,
  vanished,
  serverMessage,
  pending,
  onCancel,
  onConfirm,
}: Props) {
  const [understood, setUnderstood] = useState(false);
  const checkboxId = useId();
  return (
    <ConfirmDialog
      open
      tone="danger"
      onOpenChange={(open) => !open && onCancel()}
      title={`Fresh start for ${server.name}?`}
      confirmLabel={`${operationName(action)} with a fresh world`}
      confirmDisabled={!understood}
      confirmDisabledReason="Tick the box above to confirm the fresh start."
      pending={pending}
      onConfirm={onConfirm}
      description={
        <>
          {vanished ? (
            <p className="font-medium text-red-200">
              The world data disappeared since it was checked
              {serverMessage ? `: ${serverMessage}` : '.'}
            </p>
          ) : (
            <p>No world data was found for {server.name}.</p>
          )}
          <p className="font-semibold text-red-300">
            The world and player progress will NOT be restored. A new, empty world will be created.
          </p>
          <p>
            If the data should be there (an unmounted disk, a moved folder), cancel and fix that
            first.
          </p>
          {check ? <DataCheckSummary check={check} server={server} /> : null}
        </>
      }
    >
      <div className="flex items-start gap-2 rounded-md bg-red-500/10 p-3 ring-1 ring-red-500/30">
        <input
          id={checkboxId}
          type="checkbox"
          className="mt-0.5 size-4 accent-red-500"
          checked={understood}
          onChange={(e) => setUnderstood(e.target.checked)}
        />
        <label htmlFor={checkboxId} className="text-red-100">
          I understand a new, empty world will be created
        </label>
      </div>
    </ConfirmDialog>
  );
}
