import type { CheckDataResponse, ServerAction } from '@contract/http/servers';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { operationName } from '@/lib/operation-names';
import { DataCheckSummary } from './data-check-summary';
import { ImageChangeNotice } from './image-change-notice';
import type { ServerDialogProps } from './server-dialog-props';

type Props = ServerDialogProps & { action: ServerAction; check: CheckDataResponse };

/** Confirmation when world data exists (or is unknown): nothing is lost, say so. */
export function ConfirmRecreateDialog({
  server,
  action,
  check,
  pending,
  onCancel,
  onConfirm,
}: Props) {
  const name = operationName(action);
  const known = check.dataExists === true;
  const why =
    action === 'restore'
      ? `${server.name} will be un-deleted and its container recreated from the stored config.`
      : action === 'rebuild' || action === 'start'
        ? `${server.name} has no container, so this recreates it from the stored config.`
        : `A new container for ${server.name} will be created from the stored config.`;
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onCancel()}
      title={`${name} ${server.name}?`}
      confirmLabel={name}
      pending={pending}
      onConfirm={onConfirm}
      description={
        <>
          <p>{why}</p>
          {/* A rebuild pulls the tag; a recreate or restore brings back the pinned image. */}
          {action === 'rebuild' ? <ImageChangeNotice server={server} /> : null}
          {known ? (
            <p className="font-medium text-emerald-300">
              World saves and player data will be preserved.
            </p>
          ) : (
            <p className="font-medium text-amber-300">
              Whether world data exists is not known yet. If none is found when this runs, nothing
              is changed and you will be asked again.
            </p>
          )}
          <DataCheckSummary check={check} server={server} />
        </>
      }
    />
  );
}
