import { useState } from 'react';
import type { Agent } from '@contract/http/agents';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { errorMessage } from '@/lib/api-client';
import { useDeleteAgent } from '../api/delete-agent';
import { useRotateAgentToken } from '../api/rotate-agent-token';
import { AgentSettingsForm } from './agent-settings-form';
import { RegistrationTokenPanel } from './registration-token-panel';

/**
 * What only admins do with a host: its settings, a new token (the running agent is cut off at
 * once) and removing it once no server is left on it.
 */
export function AgentAdminSection({
  agent,
  serverCount,
  serversOnDefault,
  onDeleted,
}: {
  agent: Agent;
  /** Servers not purged (deleted ones included). */
  serverCount: number;
  serversOnDefault: number;
  onDeleted: () => void;
}) {
  const [confirm, setConfirm] = useState<'rotate' | 'delete' | null>(null);
  const rotate = useRotateAgentToken();
  const remove = useDeleteAgent();
  const deleteBlocked =
    serverCount > 0
      ? `${agent.name} still has ${serverCount} server(s), deleted ones included: purge them first.`
      : undefined;
  const close = () => setConfirm(null);

  return (
    <section aria-labelledby="host-admin-heading" className="space-y-4">
      <h2 id="host-admin-heading" className="text-lg font-semibold text-zinc-50">
        Host settings
      </h2>
      <Card className="p-6">
        <AgentSettingsForm key={agent.id} agent={agent} serversOnDefault={serversOnDefault} />
      </Card>
      <Card className="space-y-4 p-6">
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={() => setConfirm('rotate')}>Rotate token</Button>
          <Button
            variant="danger"
            disabled={Boolean(deleteBlocked)}
            aria-describedby={deleteBlocked ? 'delete-host-reason' : undefined}
            onClick={() => setConfirm('delete')}
          >
            Delete host
          </Button>
        </div>
        {deleteBlocked ? (
          <p id="delete-host-reason" className="text-sm text-zinc-400">
            {deleteBlocked}
          </p>
        ) : null}
        {rotate.isError || remove.isError ? (
          <p role="alert" className="text-sm text-red-300">
            {errorMessage(rotate.error ?? remove.error)}
          </p>
        ) : null}
        {rotate.data ? (
          <RegistrationTokenPanel agent={agent} token={rotate.data.registrationToken} />
        ) : null}
      </Card>
      <ConfirmDialog
        open={confirm === 'rotate'}
        onOpenChange={(open) => !open && close()}
        title={`Rotate the token of ${agent.name}?`}
        description={
          <p>
            The agent running now is disconnected at once and its credential stops working. Its
            servers keep running in Docker; until the agent is restarted with the new token, nothing
            can be done on that host from here.
          </p>
        }
        confirmLabel="Rotate token"
        pending={rotate.isPending}
        onConfirm={() => rotate.mutate(agent.id, { onSettled: close })}
      />
      <ConfirmDialog
        open={confirm === 'delete'}
        onOpenChange={(open) => !open && close()}
        tone="danger"
        title={`Delete ${agent.name}?`}
        description={
          <p>
            The host is removed from ZedOps and its agent disconnected for good. Nothing on the host
            itself is touched: no container, no folder.
          </p>
        }
        confirmLabel="Delete host"
        pending={remove.isPending}
        onConfirm={() => remove.mutate(agent.id, { onSuccess: onDeleted, onSettled: close })}
      />
    </section>
  );
}
