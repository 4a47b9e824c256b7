import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiPaths } from '@contract/http/paths';
import { RebuildPreviewResponse } from '@contract/http/rebuild-preview';
import { apiRequest } from '@/lib/api-client';
import { serverKeys } from './keys';

/** What a rebuild would run now, compared with the pinned image (the agent asks the registry). */
export const getRebuildPreview = (serverId: string) =>
  apiRequest(apiPaths.rebuildPreview(serverId), RebuildPreviewResponse);

/** Asked each time the dialog opens (a tag moves at any time); a failure is shown, not retried. */
export const rebuildPreviewQueryOptions = (serverId: string) =>
  queryOptions({
    queryKey: serverKeys.rebuildPreview(serverId),
    queryFn: () => getRebuildPreview(serverId),
    staleTime: 0,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });

export const useRebuildPreview = (serverId: string) =>
  useQuery(rebuildPreviewQueryOptions(serverId));
