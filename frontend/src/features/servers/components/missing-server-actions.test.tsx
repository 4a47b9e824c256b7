import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { mockDb } from '@mocks/db';
import { renderApp } from '@/testing/render-app';
import { recordRequests } from '@/testing/request-log';

let requests: ReturnType<typeof recordRequests>;
afterEach(() => requests?.stop());

describe('actions of a missing server', () => {
  it('shows Stop and Restart disabled with the visible reason "No container — recreate the server first"', async () => {
    renderApp('/servers/srv-missing');
    const stop = await screen.findByRole('button', { name: 'Stop' });
    const restart = screen.getByRole('button', { name: 'Restart' });
    for (const button of [stop, restart]) {
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription('No container — recreate the server first');
    }
    expect(screen.getByText('No container — recreate the server first')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Recreate' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Rebuild' })).toBeEnabled();
  });

  it('offers Recreate on the server card too', async () => {
    renderApp('/');
    const card = await screen.findByRole('article', { name: 'Server charlie' });
    expect(within(card).getByText('Missing')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Recreate' })).toBeEnabled();
    expect(within(card).getByRole('button', { name: 'Stop' })).toHaveAccessibleDescription(
      'No container — recreate the server first',
    );
  });

  it('Rebuild on a missing server recreates it through the same data-aware dialog', async () => {
    const { user, queryClient } = renderApp('/servers/srv-missing');
    const rebuild = await screen.findByRole('button', { name: 'Rebuild' });
    // The data banner measured the world when the page opened; the click must check again.
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    requests = recordRequests();
    await user.click(rebuild);
    const dialog = await screen.findByRole('alertdialog');
    expect(within(dialog).getByText(/has no container, so this recreates it/)).toBeInTheDocument();
    expect(
      within(dialog).getByText('World saves and player data will be preserved.'),
    ).toBeInTheDocument();
    expect(requests.matching('GET', '/check-data')).toHaveLength(1);
    await user.click(within(dialog).getByRole('button', { name: 'Rebuild' }));
    await waitFor(() =>
      expect(requests.matching('POST', '/servers/srv-missing/rebuild')).toHaveLength(1),
    );
    expect(await screen.findByText('Running', {}, { timeout: 8_000 })).toBeInTheDocument();
  });

  it('while the recreate runs, its button shows progress and the other actions say another operation is in progress', async () => {
    mockDb.setOperationDelayMs(400);
    const { user } = renderApp('/servers/srv-missing');
    await user.click(await screen.findByRole('button', { name: 'Recreate' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Recreate' }),
    );

    const busy = await screen.findByRole('button', { name: /Recreating…|Pulling image/ });
    expect(busy).toBeDisabled();
    for (const name of ['Rebuild', 'Delete', 'Purge']) {
      const button = screen.getByRole('button', { name });
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription('Another operation is in progress');
    }
  });

  it('a double-click on the confirm button sends one recreate request', async () => {
    const { user, queryClient } = renderApp('/servers/srv-missing');
    const recreate = await screen.findByRole('button', { name: 'Recreate' });
    await waitFor(() => expect(queryClient.isFetching()).toBe(0)); // the data banner's measurement
    requests = recordRequests();
    await user.dblClick(recreate);
    const dialog = await screen.findByRole('alertdialog');
    await user.dblClick(within(dialog).getByRole('button', { name: 'Recreate' }));
    await screen.findByText('Running', {}, { timeout: 8_000 });
    expect(requests.matching('POST', '/recreate')).toHaveLength(1);
    // One check before the request (the banner measures again once the recreate has ended).
    const posted = requests.log.findIndex((r) => r.method === 'POST');
    const checksBefore = requests.log
      .slice(0, posted)
      .filter((r) => r.method === 'GET' && r.path.endsWith('/check-data'));
    expect(checksBefore).toHaveLength(1);
  });

  it('a double-click on Stop of a running server sends one request', async () => {
    requests = recordRequests();
    const { user } = renderApp('/servers/srv-running');
    await user.dblClick(await screen.findByRole('button', { name: 'Stop' }));
    await screen.findByText('Stopped', {}, { timeout: 8_000 });
    expect(requests.matching('POST', '/servers/srv-running/stop')).toHaveLength(1);
  });
});
