import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import type { Agent } from '@contract/http/agents';
import type { Role } from '@contract/http/auth';
import type { RecoverResponse } from '@contract/http/recover';
import type { Server } from '@contract/http/servers';
import { Button } from '@/components/ui/button';
import { DialogReturnFocus } from '@/components/ui/dialog-return-focus';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { useRecoverAgent } from '@/features/servers/api/recover-agent';

// The dialogs (and Radix under them) load on first use, fetched ahead when the pointer or focus
// reaches the button: the overview does not pay for them.
const loadDialogs = () => import('./recover-all-dialogs');
const RecoverConfirmDialog = lazy(async () => ({
  default: (await loadDialogs()).RecoverConfirmDialog,
}));
const RecoverResultsDialog = lazy(async () => ({
  default: (await loadDialogs()).RecoverResultsDialog,
}));
const preloadDialogs = () => void loadDialogs();

type Step = { kind: 'idle' } | { kind: 'confirm' } | { kind: 'results'; result: RecoverResponse };

/**
 * "Recover all (N)" for a host with Missing servers (operators and admins): a dialog that says
 * what will happen, one request, then a live line per server until the user closes it.
 */
export function RecoverAll({
  agent,
  servers,
  role,
}: {
  agent: Agent;
  /** The agent's servers (others are ignored). */
  servers: Server[];
  role: Role;
}) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const recover = useRecoverAgent();
  const toast = useToast();
  // Busy ones (a recreate already queued or running) would only be skipped. Worked out again
  // only when the servers change: this renders with every other state change of the page.
  const missing = useMemo(
    () =>
      servers.filter(
        (s) => s.agentId === agent.id && s.status === 'missing' && s.activeOperation === null,
      ),
    [servers, agent.id],
  );
  // The names of the results' lines: built while the results are shown, not on every render.
  const showsResults = step.kind === 'results';
  const names = useMemo(
    () =>
      showsResults
        ? new Map(servers.filter((s) => s.agentId === agent.id).map((s) => [s.id, s.name]))
        : undefined,
    [showsResults, servers, agent.id],
  );
  const close = () => setStep({ kind: 'idle' });
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Back to "Recover all" after a dialog; once nothing is Missing that button is gone, and focus
  // goes to the page's main region instead of falling off the page.
  const returnFocusTo = useCallback((): HTMLElement | null => {
    const button = buttonRef.current;
    if (button?.isConnected && !button.disabled) return button;
    return document.getElementById('main');
  }, []);
  if (role === 'viewer') return null;
  if (missing.length === 0 && step.kind !== 'results') return null;

  const confirm = async () => {
    if (recover.isPending) return;
    try {
      const result = await recover.mutateAsync({ agentId: agent.id, body: {} });
      setStep({ kind: 'results', result });
    } catch (err) {
      close();
      toast.show({ tone: 'error', title: 'Recover all failed', message: errorMessage(err) });
    }
  };

  return (
    <DialogReturnFocus.Provider value={returnFocusTo}>
      {missing.length > 0 ? (
        <Button
          ref={buttonRef}
          variant="primary"
          size="sm"
          onClick={() => setStep({ kind: 'confirm' })}
          onPointerEnter={preloadDialogs}
          onFocus={preloadDialogs}
        >
          Recover all ({missing.length})
        </Button>
      ) : null}
      <Suspense fallback={null}>
        {step.kind === 'confirm' ? (
          <RecoverConfirmDialog
            agentName={agent.name}
            agentOnline={agent.status === 'online'}
            missing={missing}
            pending={recover.isPending}
            onCancel={close}
            onConfirm={() => void confirm()}
          />
        ) : null}
        {step.kind === 'results' ? (
          <RecoverResultsDialog
            agentName={agent.name}
            result={step.result}
            nameOf={(id) => names?.get(id) ?? id}
            onClose={close}
          />
        ) : null}
      </Suspense>
    </DialogReturnFocus.Provider>
  );
}
