import type { Server, ServerAction } from '@contract/http/servers';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { operationName } from '@/lib/operation-names';
import type { Divergence } from './data-divergence';
import { fingerprintSummary } from './snapshot-labels';

type Props = {
  server: Server;
  action: ServerAction;
  divergence: Divergence;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
};

/** The second confirmation before going on over a diverged world (sends allowDataDivergence). */
export function DataAsIsDialog({
  server,
  action,
  divergence,
  pending,
  onCancel,
  onConfirm,
}: Props) {
  const name = operationName(action);
  return (
    <ConfirmDialog
      open
      tone="danger"
      onOpenChange={(open) => !open && onCancel()}
      title={`Use the data of ${server.name} as it is?`}
      confirmLabel={`${name} with the data as it is`}
      pending={pending}
      onConfirm={onConfirm}
      description={
        <>
          <p>
            {name} goes ahead on the world as it is now
            {divergence.current ? `: ${fingerprintSummary(divergence.current)}` : ''}
            {divergence.healthy
              ? ` — it had ${fingerprintSummary(divergence.healthy)} when it last ran healthy`
              : ''}
            .
          </p>
          <p className="font-semibold text-red-300">
            Whatever is missing stays missing: players may find their progress gone.
          </p>
          <p>The snapshots are kept, so you can still roll back later.</p>
        </>
      }
    />
  );
}
