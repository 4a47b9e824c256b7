import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { mockDb } from '@mocks/db';
import { fixtureIds } from '@mocks/fixtures';
import { renderApp } from '@/testing/render-app';
import { recordRequests } from '@/testing/request-log';

let requests: ReturnType<typeof recordRequests>;
afterEach(() => requests?.stop());

const portDrift = {
  field: 'ports',
  expected: '16261:16261/udp, 16262:16262/udp',
  actual: '17000:16261/udp, 16262:16262/udp',
};
const envDrift = { field: 'env.SERVER_DEFAULT_PORT', expected: '16261', actual: '17000' };

describe('a server whose container drifted from its stored config', () => {
  it('is marked Drifted on its card; a server that matches is not, and offers no Recreate', async () => {
    mockDb.setDrift(fixtureIds.servers.running, [portDrift]);
    renderApp('/');
    const card = await screen.findByRole('article', { name: 'Server alpha' });
    expect(within(card).getByTestId('server-drifted')).toHaveTextContent('Drifted');
    expect(within(card).getByRole('button', { name: 'Recreate' })).toBeEnabled();
    const bravo = screen.getByRole('article', { name: 'Server bravo' });
    expect(within(bravo).queryByTestId('server-drifted')).toBeNull();
    expect(within(bravo).queryByRole('button', { name: 'Recreate' })).toBeNull();
  });

  it('shows the diff on its page, and Recreate asks before replacing the container with the stored config', async () => {
    mockDb.setDrift(fixtureIds.servers.running, [portDrift, envDrift]);
    const { user, queryClient } = renderApp(`/servers/${fixtureIds.servers.running}`);
    const diff = await screen.findByRole('table', { name: 'Drift' });
    // The data banner measures the world when the page opens; count from after that.
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    requests = recordRequests();
    const rows = within(diff).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      [portDrift.expected, portDrift.actual],
      [envDrift.expected, envDrift.actual],
    ]);
    expect(within(rows[0]!).getByRole('rowheader')).toHaveTextContent('Published ports');
    expect(within(rows[1]!).getByRole('rowheader')).toHaveTextContent(
      'Environment SERVER_DEFAULT_PORT',
    );

    await user.click(screen.getByRole('button', { name: 'Recreate' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(within(dialog).getByText(/World saves and player data will be preserved/)).toBeVisible();
    expect(within(dialog).getByRole('table', { name: 'Drift' })).toBeVisible();
    // No data check first: the container exists; the manager still guards the data.
    expect(requests.matching('GET', '/check-data')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Replace container' }));
    await waitFor(() =>
      expect(
        requests.matching('POST', `/servers/${fixtureIds.servers.running}/recreate`),
      ).toHaveLength(1),
    );
    expect(requests.matching('POST', '/recreate')[0]!.body).toEqual({});
    await waitFor(() => expect(screen.queryByRole('table', { name: 'Drift' })).toBeNull(), {
      timeout: 4_000,
    });
    expect(screen.queryByTestId('server-drifted')).toBeNull();
  });

  it('Cancel changes nothing', async () => {
    mockDb.setDrift(fixtureIds.servers.running, [portDrift]);
    requests = recordRequests();
    const { user } = renderApp(`/servers/${fixtureIds.servers.running}`);
    await user.click(await screen.findByRole('button', { name: 'Recreate' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancel' }),
    );
    expect(requests.matching('POST', '/recreate')).toHaveLength(0);
    expect(mockDb.server(fixtureIds.servers.running).drift).toEqual([portDrift]);
  });
});
