import { useState } from 'react';
import type { Server, ServerActionResponse } from '@contract/http/servers';
import type { Snapshot } from '@contract/http/snapshots';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { operationName } from '@/lib/operation-names';
import { watchOperation } from '@/lib/operation-watch';
import { useDeleteSnapshot } from '../api/delete-snapshot';
import { useRollbackServer } from '../api/rollback-server';
import { useTakeSnapshot } from '../api/take-snapshot';
import { useServerBusy } from './use-server-busy';

export type SnapshotDialog =
  | { kind: 'none' }
  | { kind: 'rollback'; snapshot: Snapshot }
  | { kind: 'delete'; snapshot: Snapshot };

/**
 * Snapshot now, roll back and delete for one server. Snapshot and rollback are operations of
 * the server (they hold its single slot), so they refuse while it is busy, like every action.
 */
export function useSnapshotActions(server: Server) {
  const take = useTakeSnapshot();
  const rollback = useRollbackServer();
  const remove = useDeleteSnapshot();
  const busy = useServerBusy(server);
  const toast = useToast();
  const [dialog, setDialog] = useState<SnapshotDialog>({ kind: 'none' });
  const close = () => setDialog({ kind: 'none' });
  const ids = { agentId: server.agentId, serverId: server.id };

  const started = (res: ServerActionResponse) => {
    watchOperation(res.operation);
    if (res.queued)
      toast.show({
        tone: 'info',
        title: `${operationName(res.operation.kind)} queued`,
        message: 'It will run when the agent reconnects.',
      });
  };
  const failed = (title: string, err: unknown) =>
    toast.show({ tone: 'error', title, message: errorMessage(err) });

  const snapshotNow = async () => {
    if (busy.isBusyNow()) return;
    try {
      started(await take.mutateAsync(ids));
    } catch (err) {
      failed('Snapshot failed', err);
    }
  };

  const confirmRollback = async (snapshot: Snapshot) => {
    if (busy.isBusyNow()) return;
    try {
      const res = await rollback.mutateAsync({ ...ids, snapshotId: snapshot.id });
      close();
      started(res);
    } catch (err) {
      close();
      failed('Roll back failed', err);
    }
  };

  const confirmDelete = async (snapshot: Snapshot) => {
    if (remove.isPending) return;
    try {
      await remove.mutateAsync(snapshot);
      close();
      toast.show({ tone: 'success', title: 'Snapshot deleted' });
    } catch (err) {
      close();
      failed('Could not delete the snapshot', err);
    }
  };

  return {
    dialog,
    open: setDialog,
    close,
    snapshotNow,
    confirmRollback,
    confirmDelete,
    busy: busy.busy,
    rollingBack: rollback.isPending,
    deleting: remove.isPending,
  };
}
