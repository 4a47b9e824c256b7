import type { Server } from '@contract/http/servers';
import type { Snapshot } from '@contract/http/snapshots';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { errorMessage } from '@/lib/api-client';
import { timeAgo } from '@/lib/format-time';
import { useLiveDataCheck } from '../api/check-data';
import { serverDir } from './server-dir';
import {
  fingerprintSummary,
  snapshotReasonLabel,
  snapshotSize,
  snapshotWhen,
} from './snapshot-labels';

/** What happens to the container around the rollback (docs/design.md, rollback). */
function afterwards(server: Server): string {
  if (server.status === 'running')
    return 'The server is stopped, rolled back and started again; players are disconnected meanwhile.';
  if (server.status === 'stopped') return 'The server stays stopped.';
  return 'The server has no container: only the data is rolled back, and it stays Missing until you recreate it.';
}

/** The world being replaced, as the agent measures it (or why that is not known). */
function CurrentWorld({ server }: { server: Server }) {
  const check = useLiveDataCheck(server);
  if (server.agentStatus !== 'online')
    return <>cannot be measured while the agent is offline (the rollback waits for it)</>;
  if (check.isPending) return <>being measured…</>;
  if (check.isError) return <>could not be measured: {errorMessage(check.error)}</>;
  const f = check.data.fingerprint;
  if (!f) return <>no world data was found</>;
  return (
    <>
      <span className="font-mono text-zinc-100">{fingerprintSummary(f)}</span> (measured{' '}
      {timeAgo(f.takenAt)})
    </>
  );
}

type Props = {
  server: Server;
  snapshot: Snapshot;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
};

/** Names what is replaced (the current world, measured) and that it is kept as a snapshot first. */
export function RollbackDialog({ server, snapshot, pending, onCancel, onConfirm }: Props) {
  const where = serverDir(server);
  return (
    <ConfirmDialog
      open
      tone="danger"
      onOpenChange={(open) => !open && onCancel()}
      title={`Roll back ${server.name}?`}
      confirmLabel="Roll back"
      pending={pending}
      onConfirm={onConfirm}
      description={
        <>
          <p>
            The current world{' '}
            {where ? (
              <>
                in <code className="text-zinc-200">{where}</code>{' '}
              </>
            ) : null}
            is replaced by the snapshot taken {snapshotWhen(snapshot)} —{' '}
            {snapshotReasonLabel[snapshot.reason]}, {snapshotSize(snapshot)}.
          </p>
          <p>
            Being replaced: the current world — <CurrentWorld server={server} />.
          </p>
          <p className="font-medium text-emerald-300">
            A snapshot of the current world is taken first (“Before rollback”), so you can come back
            to it.
          </p>
          <p>{afterwards(server)}</p>
        </>
      }
    />
  );
}
