import { useIsMutating, useQueryClient, type MutationFilters } from '@tanstack/react-query';
import type { Server } from '@contract/http/servers';
import { serverKeys } from '../api/keys';

/**
 * Whether a server can take a new action: not while one of its action requests is pending,
 * and not while it has an active operation — mutation and operation state, nothing else.
 */
export function useServerBusy(server: Server) {
  const queryClient = useQueryClient();
  const requests: MutationFilters = {
    mutationKey: serverKeys.actions(),
    predicate: (m) => (m.state.variables as { serverId?: string }).serverId === server.id,
  };
  const requesting = useIsMutating(requests) > 0;

  // The freshest copy of the server: the props can be a render behind the cache.
  const cached = (): Server =>
    queryClient.getQueryData<Server>(serverKeys.detail(server.id)) ??
    queryClient
      .getQueriesData<Server[]>({ queryKey: serverKeys.lists() })
      .flatMap(([, list]) => list ?? [])
      .find((s) => s.id === server.id) ??
    server;

  return {
    /** For rendering: the action and confirm buttons are disabled. */
    busy: requesting || server.activeOperation !== null,
    /**
     * For click handlers: the same state, read from the query client now. The second click of
     * a double-click can land before React re-renders the disabled button; by then the request
     * is pending in the mutation cache, or its 202 (the server with its active operation) has
     * been written — before the mutation stopped pending, so there is no gap between the two.
     */
    isBusyNow: () => queryClient.isMutating(requests) > 0 || cached().activeOperation !== null,
  };
}
