import { lazy, Suspense, useCallback, useId, useRef } from 'react';
import type { Role } from '@contract/http/auth';
import type { Server } from '@contract/http/servers';
import { Button } from '@/components/ui/button';
import { DialogReturnFocus } from '@/components/ui/dialog-return-focus';
import { cn } from '@/lib/cn';
import { availableActions, reasons, type UiAction } from './action-availability';
import { operationProgressLabel } from './operation-label';
import { useServerActionFlow } from './use-server-action-flow';

// The dialogs (and Radix under them) load on first use; pointing at or focusing the action bar
// fetches them ahead, so the dialog does not wait for the network after the click.
const loadDialogs = () => import('./server-action-dialogs');
const ServerActionDialogs = lazy(async () => ({
  default: (await loadDialogs()).ServerActionDialogs,
}));
const preloadDialogs = () => void loadDialogs();

// A queued operation is rare on a first page (its host is offline): its notice, with its Cancel
// button, loads when one is shown; until then the bar says "Queued".
const QueuedOperationNotice = lazy(async () => ({
  default: (await import('./queued-operation-notice')).QueuedOperationNotice,
}));

const primary: ReadonlySet<UiAction> = new Set(['recreate', 'restore', 'start']);
const danger: ReadonlySet<UiAction> = new Set(['delete', 'purge']);

const checkingReason = 'Checking the world data on the host…';

/**
 * The action bar of a server (card and detail page). Disabled buttons point at a visible reason
 * through aria-describedby; the button of the running operation shows its progress instead of
 * its name ("Recreating…", "Pulling image 40%"). A dialog returns focus to the button that
 * opened it, or to the bar itself when that button is disabled or gone (the operation runs).
 */
export function ServerActions({
  server,
  role,
  placement = 'detail',
}: {
  server: Server;
  role: Role;
  placement?: 'card' | 'detail';
}) {
  const size = placement === 'card' ? 'sm' : 'md';
  const flow = useServerActionFlow(server);
  const baseId = useId();
  const active = server.activeOperation;
  const barRef = useRef<HTMLDivElement>(null);
  const openerRef = useRef<HTMLButtonElement | null>(null);
  const returnFocusTo = useCallback((): HTMLElement | null => {
    const opener = openerRef.current;
    if (opener?.isConnected && !opener.disabled) return opener;
    return barRef.current?.isConnected ? barRef.current : null;
  }, []);

  if (role === 'viewer') {
    return <p className="text-sm text-zinc-400">Read-only access: {reasons.viewer}.</p>;
  }

  // A button disabled only because this flow is busy says so too (checking, request in flight).
  const busyReason = flow.checking ? checkingReason : flow.busy ? reasons.busy : null;
  const actions = availableActions(server, role, placement).map((a) => ({
    ...a,
    disabledReason: a.disabledReason ?? busyReason,
  }));
  const uniqueReasons = [
    ...new Set(actions.map((a) => a.disabledReason).filter((r): r is string => r !== null)),
  ];
  const reasonId = (reason: string) => `${baseId}-reason-${uniqueReasons.indexOf(reason)}`;

  return (
    <div
      ref={barRef}
      role="group"
      aria-label={`Actions for ${server.name}`}
      tabIndex={-1}
      className="space-y-2"
      onPointerEnter={preloadDialogs}
      onFocus={preloadDialogs}
    >
      <div className="flex flex-wrap gap-2">
        {actions.map(({ action, label, disabledReason }) => {
          const isActiveKind = active?.kind === action;
          return (
            <Button
              key={action}
              size={size}
              variant={danger.has(action) ? 'ghost' : primary.has(action) ? 'primary' : 'secondary'}
              className={cn(danger.has(action) && 'text-red-300 hover:text-red-200')}
              disabled={disabledReason !== null}
              aria-describedby={
                disabledReason && !isActiveKind ? reasonId(disabledReason) : undefined
              }
              aria-busy={isActiveKind || undefined}
              onClick={(event) => {
                openerRef.current = event.currentTarget;
                flow.request(action);
              }}
            >
              {isActiveKind && active ? operationProgressLabel(active) : label}
            </Button>
          );
        })}
      </div>
      {active && active.state !== 'queued' && !actions.some((a) => a.action === active.kind) ? (
        <p className="flex items-center gap-2 text-sm text-sky-300">
          <span
            aria-hidden
            className="size-3 animate-spin rounded-full border-2 border-sky-700 border-t-sky-300"
          />
          {operationProgressLabel(active)}
        </p>
      ) : null}
      {uniqueReasons.map((reason) => (
        <p key={reason} id={reasonId(reason)} className="text-xs text-zinc-400">
          {reason}
        </p>
      ))}
      {active?.state === 'queued' ? (
        <Suspense fallback={<p className="text-sm text-sky-300">Queued</p>}>
          <QueuedOperationNotice operation={active} canCancel />
        </Suspense>
      ) : null}
      {flow.step.kind !== 'idle' ? (
        <DialogReturnFocus.Provider value={returnFocusTo}>
          <Suspense fallback={null}>
            <ServerActionDialogs server={server} flow={flow} />
          </Suspense>
        </DialogReturnFocus.Provider>
      ) : null}
    </div>
  );
}
