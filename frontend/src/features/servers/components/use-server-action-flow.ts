import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { matchPath, useLocation, useNavigate } from 'react-router-dom';
import type {
  CheckDataResponse,
  Server,
  ServerAction,
  ServerActionRequest,
  ServerActionResponse,
} from '@contract/http/servers';
import type { Snapshot } from '@contract/http/snapshots';
import { useToast } from '@/components/ui/toast';
import { errorMessage, isApiError } from '@/lib/api-client';
import { watchOperation } from '@/lib/operation-watch';
import { routes } from '@/lib/routes';
import { checkDataQueryOptions } from '../api/check-data';
import { useDeleteServer } from '../api/delete-server';
import { usePurgeServer } from '../api/purge-server';
import { useRollbackServer } from '../api/rollback-server';
import { useRunServerAction } from '../api/run-server-action';
import { goesThroughRecreate, type UiAction } from './action-availability';
import { divergedBeforeAsking, divergenceOf, type Divergence } from './data-divergence';
import { useServerBusy } from './use-server-busy';
import { operationName } from '@/lib/operation-names';

/**
 * Where the flow is: `checking` the world data before a recreate, or which dialog is open.
 * `fresh` = no data (or it vanished): the destructive fresh-start dialog. `diverged` = the world
 * shrank since it last ran healthy (DATA_DIVERGED): roll back, or `diverged-confirm` to go on.
 * `consent` is what the user already agreed to, so a second refusal does not drop the first yes.
 */
export type FlowStep =
  | { kind: 'idle' }
  | { kind: 'checking'; action: ServerAction }
  | { kind: 'confirm-data'; action: ServerAction; check: CheckDataResponse }
  | {
      kind: 'fresh';
      action: ServerAction;
      check: CheckDataResponse | null;
      vanished: boolean;
      serverMessage?: string;
      consent: ServerActionRequest;
    }
  | { kind: 'diverged'; action: ServerAction; divergence: Divergence; consent: ServerActionRequest }
  | {
      kind: 'diverged-confirm';
      action: ServerAction;
      divergence: Divergence;
      consent: ServerActionRequest;
    }
  | { kind: 'rebuild' }
  /** Recreate of a container that differs from its stored config: it is replaced. */
  | { kind: 'recreate-drifted' }
  | { kind: 'delete' }
  | { kind: 'purge' };

/**
 * The one path every button of a server goes through: data check → the right dialog → one
 * request. Every entry point refuses while the server is busy (see `useServerBusy`).
 */
export function useServerActionFlow(server: Server) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // Matched only when a delete needs it: compiling the route pattern on every render of every
  // card of a grid was a visible part of drawing the overview.
  const { pathname } = useLocation();
  const onDetailPage = () => matchPath(routes.server(server.id), pathname) !== null;
  const toast = useToast();
  const run = useRunServerAction();
  const remove = useDeleteServer();
  const purge = usePurgeServer();
  const rollback = useRollbackServer();
  const [step, setStep] = useState<FlowStep>({ kind: 'idle' });
  const serverBusy = useServerBusy(server);
  // Set from the click itself, so React renders it before the next click arrives.
  const checking = step.kind === 'checking';
  const busy = checking || serverBusy.busy;
  const isBusyNow = () => checking || serverBusy.isBusyNow();
  const ids = { agentId: server.agentId, serverId: server.id };
  const close = () => setStep({ kind: 'idle' });

  const started = (action: UiAction, res: ServerActionResponse) => {
    watchOperation(res.operation);
    if (res.queued)
      toast.show({
        tone: 'info',
        title: `${operationName(res.operation.kind)} queued`,
        message: 'It will run when the agent reconnects.',
      });
    if (action === 'restore') navigate(routes.server(server.id));
  };

  const submit = async (action: ServerAction, consent: ServerActionRequest) => {
    if (isBusyNow()) return;
    try {
      const res = await run.mutateAsync({ ...ids, action, body: consent });
      close();
      started(action, res);
    } catch (err) {
      if (isApiError(err, 'DATA_MISSING')) {
        setStep({
          kind: 'fresh',
          action,
          check: null,
          vanished: true,
          serverMessage: errorMessage(err),
          consent,
        });
        return;
      }
      if (isApiError(err, 'DATA_DIVERGED')) {
        setStep({ kind: 'diverged', action, divergence: divergenceOf(err), consent });
        return;
      }
      close();
      toast.show({
        tone: 'error',
        title: `${operationName(action)} failed`,
        message: errorMessage(err),
      });
    }
  };

  const prepareRecreate = async (action: ServerAction) => {
    setStep({ kind: 'checking', action });
    try {
      const check = await queryClient.fetchQuery(checkDataQueryOptions(server.agentId, server.id));
      const divergence = divergedBeforeAsking(server, action, check);
      if (check.dataExists === false)
        setStep({ kind: 'fresh', action, check, vanished: false, consent: {} });
      else if (divergence) setStep({ kind: 'diverged', action, divergence, consent: {} });
      else setStep({ kind: 'confirm-data', action, check });
    } catch (err) {
      close();
      toast.show({
        tone: 'error',
        title: 'Could not check the server’s data',
        message: errorMessage(err),
      });
    }
  };

  /** Entry point for every action button. */
  const request = (action: UiAction) => {
    // A dialog of this flow is open, or its lazy chunk is still loading: a late second click
    // of a double-click must not start the check (and the dialog) over.
    if (isBusyNow() || step.kind !== 'idle') return;
    if (action === 'delete' || action === 'purge') return setStep({ kind: action });
    if (goesThroughRecreate(server, action)) return void prepareRecreate(action);
    if (action === 'rebuild') return setStep({ kind: 'rebuild' });
    // A recreate that is not the recreate routine replaces a drifted container.
    if (action === 'recreate') return setStep({ kind: 'recreate-drifted' });
    void submit(action, {});
  };

  /** From the divergence dialog: roll the world back instead (the server stays as it was). */
  const rollbackTo = async (snapshot: Snapshot) => {
    if (isBusyNow()) return;
    try {
      const res = await rollback.mutateAsync({ ...ids, snapshotId: snapshot.id });
      close();
      watchOperation(res.operation);
    } catch (err) {
      close();
      toast.show({ tone: 'error', title: 'Roll back failed', message: errorMessage(err) });
    }
  };

  /** From the divergence dialog: ask once more before going on over the smaller world. */
  const chooseDataAsIs = () =>
    setStep((current) =>
      current.kind === 'diverged' ? { ...current, kind: 'diverged-confirm' } : current,
    );

  const confirmDelete = async () => {
    if (isBusyNow()) return;
    try {
      const res = await remove.mutateAsync(ids);
      close();
      watchOperation(res.operation);
    } catch (err) {
      close();
      toast.show({ tone: 'error', title: 'Delete failed', message: errorMessage(err) });
    }
  };

  const confirmPurge = async (removeData: boolean) => {
    if (isBusyNow()) return;
    try {
      const res = await purge.mutateAsync({ ...ids, removeData });
      close();
      watchOperation(res.operation);
      toast.show({
        tone: 'success',
        title: `${server.name} purged`,
        message: removeData
          ? 'Its data directory was removed.'
          : 'Its data directory was kept on the host.',
      });
      if (onDetailPage()) navigate(routes.agent(server.agentId));
    } catch (err) {
      close();
      toast.show({ tone: 'error', title: 'Purge failed', message: errorMessage(err) });
    }
  };

  return {
    step,
    close,
    request,
    submit,
    rollbackTo,
    chooseDataAsIs,
    confirmDelete,
    confirmPurge,
    busy,
    checking,
  };
}

export type ServerActionFlow = ReturnType<typeof useServerActionFlow>;
