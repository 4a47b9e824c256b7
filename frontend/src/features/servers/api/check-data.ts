import { queryOptions } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { CheckDataResponse } from '@contract/http/servers';
import { apiRequest } from '@/lib/api-client';
import { serverKeys } from './keys';

/** Asks the agent (live) whether the server's world data exists; cached answer when it is offline. */
export const checkData = (agentId: string, serverId: string) =>
  apiRequest(apiPaths.checkData(agentId, serverId), CheckDataResponse);

/** Always refetched (staleTime 0): a confirmation must rest on a fresh check. */
export const checkDataQueryOptions = (agentId: string, serverId: string) =>
  queryOptions({
    queryKey: serverKeys.checkData(serverId),
    queryFn: () => checkData(agentId, serverId),
    staleTime: 0,
    gcTime: 0,
    // the user is waiting on a dialog: report a failure now instead of retrying for seconds
    retry: false,
  });
