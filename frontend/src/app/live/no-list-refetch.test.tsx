import { focusManager, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { inColumns } from '@contract/http/list-shape';
import { agentKeys } from '@/features/agents/api/keys';
import { serverKeys } from '@/features/servers/api/keys';
import { liveStatus } from '@/lib/live-status';
import { renderApp } from '@/testing/render-app';
import { recordRequests } from '@/testing/request-log';

const lists: QueryKey[] = [serverKeys.list(), agentKeys.list()];
let requests: ReturnType<typeof recordRequests> | undefined;
afterEach(() => {
  requests?.stop();
  requests = undefined;
  focusManager.setFocused(undefined);
});

/** The overview's lists, fetched a minute ago as far as the cache knows (well past `freshForMs`). */
function ageLists(queryClient: QueryClient) {
  for (const queryKey of lists)
    queryClient.setQueryData(queryKey, queryClient.getQueryData(queryKey), {
      updatedAt: Date.now() - 60_000,
    });
}

/** One macrotask: any refetch a focus or a mount started has sent its request by then. */
const nextTask = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

/** The user leaves the window and comes back to it (the client handles it microtasks later). */
async function refocusWindow() {
  act(() => {
    focusManager.setFocused(false);
    focusManager.setFocused(true);
  });
  await nextTask();
}

/** GETs of the server or agent lists since `requests` started recording. */
const listRequests = () =>
  requests!.log.filter((r) => r.method === 'GET' && /^\/api\/(servers|agents)(\?|$)/.test(r.path));

describe('the lists the live stream keeps current', () => {
  it('are fetched once on opening the overview, whichever of the page and the stream is first', async () => {
    requests = recordRequests();
    const { queryClient } = renderApp('/');
    await screen.findByRole('article', { name: 'Server alpha' });
    await waitFor(() => expect(liveStatus.isOpen()).toBe(true));
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    expect(requests.matching('GET', inColumns(apiPaths.servers))).toHaveLength(1);
    expect(requests.matching('GET', apiPaths.agents)).toHaveLength(1);
  });

  it('are not fetched again on window focus or on a return to the overview while the stream is open', async () => {
    const { router, queryClient } = renderApp('/');
    await screen.findByRole('article', { name: 'Server alpha' });
    await waitFor(() => expect(liveStatus.isOpen()).toBe(true));
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    ageLists(queryClient);
    requests = recordRequests();

    await refocusWindow();
    expect(listRequests()).toEqual([]);

    await router.navigate('/account');
    await screen.findByRole('heading', { name: 'Account', level: 1 });
    await router.navigate('/');
    await screen.findByRole('article', { name: 'Server alpha' });
    await nextTask();
    expect(listRequests()).toEqual([]);
  });

  it('are fetched again on window focus while there is no stream (the check above can fail)', async () => {
    vi.stubGlobal('EventSource', undefined);
    const { router, queryClient } = renderApp('/');
    await screen.findByRole('article', { name: 'Server alpha' });
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    ageLists(queryClient);
    requests = recordRequests();

    await refocusWindow();
    const both = [apiPaths.agents, inColumns(apiPaths.servers)];
    expect(
      listRequests()
        .map((r) => r.path)
        .sort(),
    ).toEqual(both);

    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    ageLists(queryClient);
    await router.navigate('/account');
    await screen.findByRole('heading', { name: 'Account', level: 1 });
    await router.navigate('/');
    await screen.findByRole('article', { name: 'Server alpha' });
    await nextTask();
    expect(
      listRequests()
        .map((r) => r.path)
        .sort(),
    ).toEqual([...both, ...both].sort());
  });
});
