import { recoverConcurrency } from '@contract/http/recover';
import type { Server } from '@contract/http/servers';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';

/** What Recover all will do, said before it does it. */
export function RecoverConfirmDialog({
  agentName,
  agentOnline,
  missing,
  pending,
  onCancel,
  onConfirm,
}: {
  agentName: string;
  agentOnline: boolean;
  missing: Server[];
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const unknownData = missing.filter((s) => s.dataExists !== true).length;
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onCancel()}
      title={`Recover ${missing.length} missing server${missing.length === 1 ? '' : 's'} on ${agentName}?`}
      confirmLabel={`Recover ${missing.length}`}
      pending={pending}
      onConfirm={onConfirm}
      description={
        <>
          <p>
            Each server gets its container back from its stored config, with the image it last ran —{' '}
            {recoverConcurrency.default} at a time, the rest waiting their turn.
            {agentOnline ? '' : ' The agent is offline: they queue and run when it reconnects.'}
          </p>
          <p className="font-medium text-emerald-300">
            World data is used as it is on the host; nothing in it is changed or removed.
          </p>
          <p>
            A server without world data is <strong>skipped</strong> and listed, never started with a
            fresh world
            {unknownData > 0
              ? ` (${unknownData} of these had no data at the last check or were never checked)`
              : ''}
            .
          </p>
        </>
      }
    >
      <ul
        className="max-h-40 list-inside list-disc overflow-y-auto text-zinc-300"
        aria-label="Servers to recover"
      >
        {missing.map((s) => (
          <li key={s.id} className="font-mono text-xs">
            {s.name}
          </li>
        ))}
      </ul>
    </ConfirmDialog>
  );
}
