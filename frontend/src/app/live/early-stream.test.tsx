import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { render, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from '@contract/http/servers';
import { apiPaths } from '@contract/http/paths';
import { inColumns } from '@contract/http/server-columns';
import { mockDb } from '@mocks/db';
import { serverKeys } from '@/features/servers/api/keys';
import { liveStatus } from '@/lib/live-status';
import { createQueryClient } from '@/lib/query-client';
import { FetchEventSource } from '@/testing/fetch-event-source';
import { recordRequests } from '@/testing/request-log';
import { LiveUpdatesConnection, openLiveUpdatesEarly } from './live-updates-connection';

let requests: ReturnType<typeof recordRequests> | undefined;
afterEach(() => {
  requests?.stop();
  requests = undefined;
  window.history.replaceState(null, '', '/');
});

/** The signed-in screen's stream connection mounts (as RequireAuth renders it). */
function mountConnection(queryClient: QueryClient, userId = 'user-1') {
  const router = createMemoryRouter(
    [{ path: '*', element: <LiveUpdatesConnection userId={userId} /> }],
    {
      initialEntries: [window.location.pathname],
    },
  );
  return render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

const alpha = (queryClient: QueryClient) =>
  queryClient.getQueryData<Server[]>(serverKeys.list())?.find((s) => s.id === 'srv-running');

describe('the live stream opened by the entry, before the first render', () => {
  it('on the overview: one stream, the lists asked for once on its open, then kept by the screen', async () => {
    mockDb.signInAs('admin');
    const queryClient = createQueryClient();
    requests = recordRequests();
    openLiveUpdatesEarly(queryClient, 'user-1');
    await waitFor(() => expect(liveStatus.isOpen()).toBe(true));
    await waitFor(() => expect(alpha(queryClient)).toBeDefined());

    const screen = mountConnection(queryClient);
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    expect(FetchEventSource.instances).toHaveLength(1);
    expect(requests.matching('GET', inColumns(apiPaths.servers))).toHaveLength(1);

    // Events still reach the cache through the stream the screen took over, without a refetch.
    mockDb.removeContainer('srv-running');
    await waitFor(() => expect(alpha(queryClient)?.status).toBe('missing'));
    expect(requests.matching('GET', inColumns(apiPaths.servers))).toHaveLength(1);

    screen.unmount();
    expect(liveStatus.isOpen()).toBe(false);
    expect(FetchEventSource.last.readyState).toBe(FetchEventSource.CLOSED);
  });

  it('elsewhere it asks for nothing ahead, and the screen keeps it', async () => {
    window.history.replaceState(null, '', '/users');
    mockDb.signInAs('admin');
    const queryClient = createQueryClient();
    openLiveUpdatesEarly(queryClient, 'user-1');
    await waitFor(() => expect(liveStatus.isOpen()).toBe(true));
    mountConnection(queryClient);
    expect(FetchEventSource.instances).toHaveLength(1);
    expect(liveStatus.isOpen()).toBe(true);
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
  });

  it('a screen on another query client closes the early stream and opens its own', async () => {
    mockDb.signInAs('admin');
    openLiveUpdatesEarly(createQueryClient(), 'user-1');
    await waitFor(() => expect(liveStatus.isOpen()).toBe(true));
    const early = FetchEventSource.last;

    mountConnection(createQueryClient());
    expect(early.readyState).toBe(FetchEventSource.CLOSED);
    await waitFor(() => expect(FetchEventSource.instances).toHaveLength(2));
    await waitFor(() => expect(liveStatus.isOpen()).toBe(true));
  });

  it('a screen for another user (the session changed before it came) closes the early stream and opens its own', async () => {
    mockDb.signInAs('admin');
    const queryClient = createQueryClient();
    openLiveUpdatesEarly(queryClient, 'user-1');
    await waitFor(() => expect(liveStatus.isOpen()).toBe(true));
    const early = FetchEventSource.last;

    mountConnection(queryClient, 'user-2');
    expect(early.readyState).toBe(FetchEventSource.CLOSED);
    await waitFor(() => expect(FetchEventSource.instances).toHaveLength(2));
    await waitFor(() => expect(liveStatus.isOpen()).toBe(true));
  });
});
