import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { mockDb } from '@mocks/db';
import { routes } from '@/lib/routes';
import { renderApp } from '@/testing/render-app';
import { recordRequests } from '@/testing/request-log';

let requests: ReturnType<typeof recordRequests>;
afterEach(() => requests?.stop());

describe('delete and purge', () => {
  it('soft delete says the world data is kept and the server can be restored', async () => {
    requests = recordRequests();
    const { user } = renderApp('/servers/srv-stopped');
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete bravo?' });
    expect(within(dialog).getByText(/World data is kept on the host/)).toBeInTheDocument();
    expect(within(dialog).getByText(/restored later/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Delete server' }));
    await waitFor(() =>
      expect(requests.matching('DELETE', '/agents/agent-local/servers/srv-stopped')).toHaveLength(
        1,
      ),
    );
    expect(await screen.findByText('Deleted', { selector: 'span' })).toBeInTheDocument();
  });

  it('purge is admin-only and removes data only when the destructive box is ticked', async () => {
    requests = recordRequests();
    const { user, router } = renderApp('/servers/srv-deleted');
    await user.click(await screen.findByRole('button', { name: 'Purge' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Purge echo?' });
    expect(within(dialog).getByText(/stay on the host/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('checkbox', { name: /Also delete the world data/ }));
    expect(within(dialog).getByText(/will be permanently deleted/)).toBeInTheDocument();
    expect(within(dialog).getByText(/marker names this server/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Purge and delete world data' }));
    await waitFor(() =>
      expect(requests.matching('DELETE', '/purge?removeData=true')).toHaveLength(1),
    );
    // The page of a server that is gone leads to its agent.
    const { agentId } = mockDb.server('srv-deleted');
    await waitFor(() => expect(router.state.location.pathname).toBe(routes.agent(agentId)));
  });

  it('operators are not offered Purge', async () => {
    renderApp('/servers/srv-deleted', { role: 'operator' });
    expect(await screen.findByRole('button', { name: 'Restore' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Purge' })).not.toBeInTheDocument();
  });
});
