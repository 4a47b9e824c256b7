import type { Server, ServerAction } from '@contract/http/servers';
import type { Snapshot } from '@contract/http/snapshots';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { operationName } from '@/lib/operation-names';
import { latestReadySnapshot, useSnapshots } from '../api/get-snapshots';
import type { Divergence } from './data-divergence';
import { FingerprintCompare } from './fingerprint-compare';
import { serverDir } from './server-dir';
import { snapshotReasonLabel, snapshotSize, snapshotWhen } from './snapshot-labels';

type Props = {
  server: Server;
  action: ServerAction;
  divergence: Divergence;
  pending: boolean;
  onCancel: () => void;
  onRollback: (snapshot: Snapshot) => void;
  onUseAsIs: () => void;
};

/**
 * The manager refused (or would refuse) because the world shrank since it last ran healthy:
 * both fingerprints side by side, then the way back (the latest snapshot) or, after a second
 * confirmation, going on with the data as it is.
 */
export function DataDivergedDialog(props: Props) {
  const { server, action, divergence } = props;
  const snapshots = useSnapshots(server.id);
  const latest = latestReadySnapshot(snapshots.data);
  const noSnapshotReason = snapshots.isPending
    ? 'Looking for snapshots…'
    : snapshots.isError
      ? 'The snapshots could not be loaded'
      : 'There is no ready snapshot of this server to roll back to';
  const where = serverDir(server);
  return (
    // Default tone: rolling back is the safe way out here (the world as it is is kept too).
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && props.onCancel()}
      title={`The world of ${server.name} has shrunk`}
      confirmLabel="Roll back to the latest snapshot"
      confirmDisabled={latest === null}
      confirmDisabledReason={noSnapshotReason}
      pending={props.pending}
      onConfirm={() => latest && props.onRollback(latest)}
      description={
        <>
          <p>
            {operationName(action)} was stopped before it changed anything: the world
            {where ? (
              <>
                {' '}
                in <code className="text-zinc-200">{where}/data</code>
              </>
            ) : null}{' '}
            lost its saves, or more than half of its files or size, since the server last ran
            healthy.
          </p>
          <FingerprintCompare
            caption={`World data of ${server.name}: last healthy and now`}
            healthy={divergence.healthy}
            current={divergence.current}
          />
          {latest ? (
            <p>
              The latest snapshot was taken {snapshotWhen(latest)} —{' '}
              {snapshotReasonLabel[latest.reason]}, {snapshotSize(latest)}. Rolling back keeps a
              snapshot of the world as it is now.
            </p>
          ) : null}
        </>
      }
    >
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-zinc-800/60 p-3">
        <p className="text-zinc-300">If the smaller world is what you expect:</p>
        <Button size="sm" variant="secondary" onClick={props.onUseAsIs}>
          Use the data as it is…
        </Button>
      </div>
    </ConfirmDialog>
  );
}
