import type { ContainerEventFrame } from '@contract/agent-protocol';
import type { ServerStatus } from '@contract/http/servers';
import { observedStatus } from '@contract/lifecycle';
import type { ManagerContext } from './context';

/**
 * A Docker event about one server's container: apply at once what it proves (a start means
 * running, a die/stop means stopped, a destroy of its container means missing), so the dashboard
 * sees the change within the event's round trip. The debounced reconcile that follows confirms it
 * against the full container list. Servers busy with an operation are left to the operation.
 */
export function applyContainerEvent(
  ctx: ManagerContext,
  agentId: string,
  event: ContainerEventFrame,
): { vanished: boolean } {
  const none = { vanished: false };
  const server = ctx.servers.findById(event.serverId);
  if (!server || server.agentId !== agentId || server.status === 'deleted') return none;
  if (ctx.operations.findActive(server.id)) return none;
  let status: ServerStatus;
  let containerId: string | null = event.containerId;
  switch (event.action) {
    case 'start':
      status = 'running';
      break;
    case 'die':
    case 'stop':
      status = 'stopped';
      break;
    case 'destroy':
      // Another container of the server (one we never recorded) may still exist: reconcile decides.
      if (server.containerId !== event.containerId) return none;
      status = observedStatus(server.status, undefined);
      containerId = null;
      break;
    default:
      return none;
  }
  if (status === server.status && containerId === server.containerId) return none;
  // No container, no drift; a different container's drift is the reconcile's to measure.
  ctx.servers.update(server.id, { status, containerId, ...(containerId ? {} : { drift: [] }) });
  ctx.logger.info(
    { serverId: server.id, from: server.status, to: status, event: event.action },
    'server status from a docker event',
  );
  const hadContainer = server.status === 'running' || server.status === 'stopped';
  return { vanished: hadContainer && status === 'missing' };
}
