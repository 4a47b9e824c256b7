import type { Server } from '@contract/http/servers';
import { ConfirmRecreateDialog } from './confirm-recreate-dialog';
import { DataAsIsDialog } from './data-as-is-dialog';
import { DataDivergedDialog } from './data-diverged-dialog';
import { DeleteDialog } from './delete-dialog';
import { FreshStartDialog } from './fresh-start-dialog';
import { PurgeDialog } from './purge-dialog';
import { RebuildDialog } from './rebuild-dialog';
import { RecreateDriftedDialog } from './recreate-drifted-dialog';
import type { ServerActionFlow } from './use-server-action-flow';

/** Renders the dialog the flow's current step asks for. */
export function ServerActionDialogs({ server, flow }: { server: Server; flow: ServerActionFlow }) {
  const { step, close, busy } = flow;
  switch (step.kind) {
    case 'idle':
    case 'checking':
      return null;
    case 'confirm-data':
      return (
        <ConfirmRecreateDialog
          server={server}
          action={step.action}
          check={step.check}
          pending={busy}
          onCancel={close}
          onConfirm={() => void flow.submit(step.action, {})}
        />
      );
    case 'fresh':
      return (
        <FreshStartDialog
          // a new key resets the checkbox when the DATA_MISSING race reopens the dialog
          key={step.vanished ? 'vanished' : 'absent'}
          server={server}
          action={step.action}
          check={step.check}
          vanished={step.vanished}
          serverMessage={step.serverMessage}
          pending={busy}
          onCancel={close}
          onConfirm={() =>
            void flow.submit(step.action, { ...step.consent, allowFreshStart: true })
          }
        />
      );
    case 'diverged':
      return (
        <DataDivergedDialog
          server={server}
          action={step.action}
          divergence={step.divergence}
          pending={busy}
          onCancel={close}
          onRollback={(snapshot) => void flow.rollbackTo(snapshot)}
          onUseAsIs={flow.chooseDataAsIs}
        />
      );
    case 'diverged-confirm':
      return (
        <DataAsIsDialog
          server={server}
          action={step.action}
          divergence={step.divergence}
          pending={busy}
          onCancel={close}
          onConfirm={() =>
            void flow.submit(step.action, { ...step.consent, allowDataDivergence: true })
          }
        />
      );
    case 'rebuild':
      return (
        <RebuildDialog
          server={server}
          pending={busy}
          onCancel={close}
          onConfirm={() => void flow.submit('rebuild', {})}
        />
      );
    case 'recreate-drifted':
      return (
        <RecreateDriftedDialog
          server={server}
          pending={busy}
          onCancel={close}
          onConfirm={() => void flow.submit('recreate', {})}
        />
      );
    case 'delete':
      return (
        <DeleteDialog
          server={server}
          pending={busy}
          onCancel={close}
          onConfirm={() => void flow.confirmDelete()}
        />
      );
    case 'purge':
      return (
        <PurgeDialog
          server={server}
          pending={busy}
          onCancel={close}
          onConfirm={(removeData) => void flow.confirmPurge(removeData)}
        />
      );
  }
}
