import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { liveEventsPath } from '@contract/events';
import { apiPaths } from '@contract/http/paths';
import { inColumns } from '@contract/http/server-columns';
import { mockDb } from '@mocks/db';
import { server as mswServer } from '@mocks/node';
import type { QueryClient } from '@tanstack/react-query';
import { serverKeys } from '@/features/servers/api/keys';
import { liveStatus } from '@/lib/live-status';
import { liveReconnect } from '@/lib/live-updates';
import { pollingIntervals } from '@/lib/polling';
import { FetchEventSource } from '@/testing/fetch-event-source';
import { renderApp } from '@/testing/render-app';
import { recordRequests } from '@/testing/request-log';

let requests: ReturnType<typeof recordRequests> | undefined;
const saved = { idle: pollingIntervals.idle, reconnect: liveReconnect.firstDelayMs };
afterEach(() => {
  requests?.stop();
  requests = undefined;
  pollingIntervals.idle = saved.idle;
  liveReconnect.firstDelayMs = saved.reconnect;
});

/** The stream is open and every fetch (first load, resync) has settled. */
async function settled(queryClient: QueryClient) {
  await waitFor(() => expect(liveStatus.isOpen()).toBe(true));
  await waitFor(() => expect(queryClient.isFetching()).toBe(0));
}

/** The refetchInterval the overview's server list runs with right now (false = not polling). */
function listPolling(queryClient: QueryClient) {
  const query = queryClient.getQueryCache().find({ queryKey: serverKeys.list() });
  const observers = query?.observers ?? [];
  expect(observers.length).toBeGreaterThan(0);
  return observers.map((o) => {
    const interval = o.options.refetchInterval;
    return typeof interval === 'function' ? interval(query!) : interval;
  });
}

/** GETs of a server list or of one server (not its data check, not an operation). */
const serverRefetches = () =>
  requests!.log.filter(
    (r) =>
      r.method === 'GET' &&
      /^\/api\/(servers(\/[^/]+)?|agents\/[^/]+\/servers)$/.test(r.path.split('?')[0]!),
  );

describe('live updates from the event stream', () => {
  it('one server.updated updates the overview and the server page without refetching', async () => {
    const { router, queryClient } = renderApp('/servers/srv-running');
    await screen.findByRole('heading', { name: 'alpha', level: 1 });
    await router.navigate('/');
    const card = await screen.findByRole('article', { name: 'Server alpha' });
    await settled(queryClient);

    requests = recordRequests();
    mockDb.removeContainer('srv-running'); // the manager publishes one server.updated
    expect(await within(card).findByText('Missing')).toBeInTheDocument();
    expect(queryClient.getQueryData(serverKeys.detail('srv-running'))).toMatchObject({
      status: 'missing',
      containerId: null,
    });
    expect(serverRefetches()).toEqual([]);
  });

  it('a whole recreate reaches Running from events alone: no list or server refetch', async () => {
    const { user, queryClient } = renderApp('/');
    const card = await screen.findByRole('article', { name: 'Server charlie' });
    await settled(queryClient);
    requests = recordRequests();
    await user.click(within(card).getByRole('button', { name: 'Recreate' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Recreate' }));
    expect(await within(card).findByText('Running', {}, { timeout: 8_000 })).toBeInTheDocument();
    expect(requests.matching('GET', '/check-data')).toHaveLength(1);
    expect(serverRefetches()).toEqual([]);
  });

  it('polls only while the stream is down', async () => {
    pollingIntervals.idle = 50;
    liveReconnect.firstDelayMs = 1;
    const { queryClient } = renderApp('/');
    await screen.findByRole('article', { name: 'Server alpha' });
    await settled(queryClient);
    await waitFor(() => expect(listPolling(queryClient)).toEqual([false]));

    // The manager goes away: the stream drops and reconnecting is refused for now.
    mswServer.use(http.get(`*${liveEventsPath}`, () => new HttpResponse(null, { status: 503 })));
    requests = recordRequests();
    FetchEventSource.last.drop();
    await waitFor(() => expect(liveStatus.isOpen()).toBe(false));
    await waitFor(() => expect(listPolling(queryClient)).toEqual([50]));
    await waitFor(() =>
      expect(requests!.matching('GET', inColumns(apiPaths.servers)).length).toBeGreaterThanOrEqual(
        2,
      ),
    );

    // It is back: the next reconnect opens the stream and polling stops.
    mswServer.resetHandlers();
    await settled(queryClient);
    await waitFor(() => expect(listPolling(queryClient)).toEqual([false]));
  });

  it('without any stream the screens still follow an operation by polling', async () => {
    vi.stubGlobal('EventSource', undefined);
    const { user } = renderApp('/servers/srv-running');
    await user.click(await screen.findByRole('button', { name: 'Stop' }));
    expect(await screen.findByText('Stopped', {}, { timeout: 8_000 })).toBeInTheDocument();
    expect(liveStatus.isOpen()).toBe(false);
  });
});
