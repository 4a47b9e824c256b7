import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '@/testing/render-app';
import { recordRequests } from '@/testing/request-log';

const slow = { timeout: 8_000 };
let requests: ReturnType<typeof recordRequests>;
afterEach(() => requests?.stop());

describe('recreating a missing server', () => {
  it('checks the data live, says world data is preserved, and brings the server back to Running', async () => {
    const { user, queryClient } = renderApp('/servers/srv-missing');
    expect(await screen.findByRole('heading', { name: 'charlie' })).toBeInTheDocument();
    expect(screen.getByText('Missing')).toBeInTheDocument();
    // The data banner measured the world when the page opened; the click must check again.
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    requests = recordRequests();

    await user.click(screen.getByRole('button', { name: 'Recreate' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(
      within(dialog).getByText('World saves and player data will be preserved.'),
    ).toBeInTheDocument();
    expect(requests.matching('GET', '/servers/srv-missing/check-data')).toHaveLength(1);

    await user.click(within(dialog).getByRole('button', { name: 'Recreate' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(requests.matching('POST', '/servers/srv-missing/recreate')[0]?.body).toEqual({});
    expect(await screen.findByText('Running', {}, slow)).toBeInTheDocument();
  });
});
