import type { LiveInvalidationTable } from '@/lib/live-updates';
import { agentKeys } from '@/features/agents/api/keys';
import { auditKeys } from '@/features/audit/api/keys';
import { operationKeys } from '@/features/operations/api/keys';
import { serverKeys } from '@/features/servers/api/keys';

/** The one table mapping each live event to the queries it makes stale. */
export const liveInvalidationTable: LiveInvalidationTable = {
  'server.updated': () => [serverKeys.all, auditKeys.all],
  'operation.updated': (event) => [
    operationKeys.detail(event.operation.id),
    serverKeys.all,
    auditKeys.all,
  ],
  'agent.updated': () => [agentKeys.all, serverKeys.all],
};
