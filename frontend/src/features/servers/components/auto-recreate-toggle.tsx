import { useId } from 'react';
import type { Role } from '@contract/http/auth';
import type { Server } from '@contract/http/servers';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/api-client';
import { reasons } from './action-availability';
import { useUpdateServer } from '../api/update-server';

/** Per-server opt-in: recreate automatically when the container vanishes and data exists. */
export function AutoRecreateToggle({ server, role }: { server: Server; role: Role }) {
  const update = useUpdateServer();
  const toast = useToast();
  const id = useId();
  const readOnly = role === 'viewer';
  // Why the switch is disabled, read out with its description (aria-describedby).
  const disabledReason = readOnly
    ? `${reasons.viewer}.`
    : server.status === 'deleted'
      ? 'Restore the server to change this.'
      : update.isPending
        ? 'Saving…'
        : null;
  const toggle = () =>
    update.mutate(
      {
        agentId: server.agentId,
        serverId: server.id,
        body: { autoRecreate: !server.autoRecreate },
      },
      {
        onError: (err) =>
          toast.show({
            tone: 'error',
            title: 'Could not change auto-recreate',
            message: errorMessage(err),
          }),
      },
    );
  return (
    <div className="flex items-start justify-between gap-4">
      <div>
        <p id={`${id}-label`} className="text-sm font-medium text-zinc-100">
          Auto-recreate
        </p>
        <p id={`${id}-help`} className="text-xs text-zinc-400">
          When the container vanishes and world data exists, recreate it once automatically. Never
          starts a fresh world.
          {disabledReason ? ` ${disabledReason}` : null}
        </p>
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={server.autoRecreate}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-help`}
        disabled={disabledReason !== null}
        onClick={toggle}
        className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors disabled:opacity-50 ${
          server.autoRecreate ? 'bg-emerald-500' : 'bg-zinc-700'
        }`}
      >
        <span
          className={`inline-block size-5 rounded-full bg-white shadow transition-transform ${server.autoRecreate ? 'translate-x-5' : 'translate-x-0.5'}`}
        />
      </button>
    </div>
  );
}
