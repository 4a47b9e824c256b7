import { queryOptions, useQuery } from '@tanstack/react-query';
import { AuditResponse } from '@contract/http/audit';
import { apiPaths } from '@contract/http/paths';
import { apiRequest } from '@/lib/api-client';
import { pollingIntervals, usePollWhileStreamDown } from '@/lib/polling';
import { auditKeys } from './keys';

export const getAudit = async (serverId?: string) =>
  (await apiRequest(apiPaths.audit(serverId), AuditResponse)).entries;

export const auditQueryOptions = (serverId?: string) =>
  queryOptions({ queryKey: auditKeys.list(serverId), queryFn: () => getAudit(serverId) });

/** Audit trail, optionally of one server (newest first as the manager returns it). */
export const useAudit = (serverId?: string) =>
  useQuery({
    ...auditQueryOptions(serverId),
    refetchInterval: usePollWhileStreamDown(pollingIntervals.idle),
  });
