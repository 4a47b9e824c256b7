import { QueryClientProvider } from '@tanstack/react-query';
import { render, waitFor } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { inColumns } from '@contract/http/server-columns';
import { mockDb } from '@mocks/db';
import { agentKeys } from '@/features/agents/api/keys';
import { serverKeys } from '@/features/servers/api/keys';
import { liveStatus } from '@/lib/live-status';
import { createQueryClient } from '@/lib/query-client';
import { recordRequests } from '@/testing/request-log';
import { LiveUpdatesConnection } from './live-updates-connection';

/** The stream's connection alone, at `path`: no page asks for anything. */
async function openStreamAt(path: string) {
  mockDb.signInAs('admin');
  const queryClient = createQueryClient();
  const router = createMemoryRouter(
    [{ path: '*', element: <LiveUpdatesConnection userId="user-1" /> }],
    {
      initialEntries: [path],
    },
  );
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  await waitFor(() => expect(liveStatus.isOpen()).toBe(true));
  return { queryClient };
}

describe('page lists asked for when the stream opens', () => {
  it('on the overview, the server and agent lists are fetched without waiting for the page', async () => {
    const requests = recordRequests();
    const { queryClient } = await openStreamAt('/');
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    expect(queryClient.getQueryData(serverKeys.list())).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'alpha' })]),
    );
    expect(queryClient.getQueryData(agentKeys.list())).not.toHaveLength(0);
    expect(requests.matching('GET', inColumns(apiPaths.servers))).toHaveLength(1);
    expect(requests.matching('GET', apiPaths.agents)).toHaveLength(1);
    requests.stop();
  });

  it('elsewhere nothing is fetched ahead', async () => {
    // The lists would be in the cache by now: they are asked for in the same turn as the open.
    const { queryClient } = await openStreamAt('/users');
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
  });
});
