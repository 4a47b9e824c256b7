import type { QueryClient } from '@tanstack/react-query';
import { agentsQueryOptions } from '@/features/agents/api/get-agents';
import { serversQueryOptions } from '@/features/servers/api/get-servers';
import { routes } from '@/lib/routes';

/** The lists a page opens with, by path. A page not named here asks once its code has run. */
const pageLists: Record<string, (queryClient: QueryClient) => void> = {
  [routes.home]: (queryClient) => {
    void queryClient.prefetchQuery(serversQueryOptions());
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
