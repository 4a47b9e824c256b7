import type { QueryClient } from '@tanstack/react-query';
import { inColumns } from '@contract/http/list-shape';
import { apiPaths } from '@contract/http/paths';
import { sendRequest } from '@/lib/api-client';
import { routes } from '@/lib/routes';
import { agentsQueryOptions } from '@/features/agents/api/get-agents';
import { serverKeys } from '@/features/servers/api/keys';

/**
 * The server list's request goes out now; the code that validates and decodes its columns is
 * the overview's (it loads with the page, not with every page of the app, the login included).
 */
const prefetchServers = (queryClient: QueryClient) =>
  queryClient.prefetchQuery({
    queryKey: serverKeys.list(),
    queryFn: () => {
      const sent = sendRequest(inColumns(apiPaths.servers));
      // Settled by readServers below; until then a refused request must not count as unhandled.
      sent.catch(() => {});
      return import('@/features/servers/api/read-servers').then((m) => m.readServers(sent));
    },
  });

/** The lists a page opens with, by path. A page not named here asks once its code has run. */
const pageLists: Record<string, (queryClient: QueryClient) => void> = {
  [routes.home]: (queryClient) => {
    void prefetchServers(queryClient);
    void queryClient.prefetchQuery(agentsQueryOptions());
  },
};

/**
 * Ask for the page's lists now. Called when the live stream first opens: a list requested from
 * then on stays current through the events (one requested earlier would be refetched on open),
 * and it need not wait for the page's code to download and render first — for 10,000 servers
 * the list is the slowest thing on the page. A list already there or on its way is not asked
 * for twice (the page's own query shares it).
 */
export function prefetchPageLists(queryClient: QueryClient, pathname: string): void {
  pageLists[pathname]?.(queryClient);
}
