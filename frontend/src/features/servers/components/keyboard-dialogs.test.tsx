import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { mockDb } from '@mocks/db';
import { server } from '@mocks/node';
import { renderApp } from '@/testing/render-app';
import { recordRequests } from '@/testing/request-log';

let requests: ReturnType<typeof recordRequests>;
afterEach(() => requests?.stop());

describe('server dialogs with the keyboard alone', () => {
  it('trap focus, cancel on Escape without sending anything, and give focus back to the opener', async () => {
    requests = recordRequests();
    const { user } = renderApp('/servers/srv-missing');
    const recreate = await screen.findByRole('button', { name: 'Recreate' });
    recreate.focus();
    await user.keyboard('{Enter}');

    const dialog = await screen.findByRole('alertdialog', { name: 'Recreate charlie?' });
    await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
    for (let i = 0; i < 4; i++) {
      await user.tab();
      expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    await waitFor(() => expect(recreate).toHaveFocus());
    expect(requests.log.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(mockDb.server('srv-missing')).toMatchObject({
      status: 'missing',
      activeOperation: null,
    });
  });

  it('after a confirmed recreate, focus waits on the action bar while its buttons are busy', async () => {
    mockDb.setOperationDelayMs(400);
    const { user } = renderApp('/servers/srv-missing');
    (await screen.findByRole('button', { name: 'Recreate' })).focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('alertdialog');
    within(dialog).getByRole('button', { name: 'Recreate' }).focus();
    await user.keyboard('{Enter}');

    const bar = screen.getByRole('group', { name: 'Actions for charlie' });
    await waitFor(() => expect(bar).toHaveFocus());
    expect(await screen.findByText('Running', {}, { timeout: 4_000 })).toBeInTheDocument();
  });

  it('the fresh-start confirmation says why it is disabled until the box is ticked with Space', async () => {
    requests = recordRequests();
    const { user } = renderApp('/servers/srv-missing-nodata');
    (await screen.findByRole('button', { name: 'Recreate' })).focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('alertdialog', { name: /fresh start/i });
    const confirm = within(dialog).getByRole('button', { name: 'Recreate with a fresh world' });
    expect(confirm).toBeDisabled();
    expect(confirm).toHaveAccessibleDescription('Tick the box above to confirm the fresh start.');

    within(dialog).getByRole('checkbox').focus();
    await user.keyboard(' ');
    expect(confirm).toBeEnabled();
    expect(confirm).not.toHaveAccessibleDescription();
    await user.tab(); // Cancel
    await user.tab();
    expect(confirm).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(requests.matching('POST', '/servers/srv-missing-nodata/recreate')).toHaveLength(1),
    );
  });
});

describe('disabled controls say why, to assistive technology too', () => {
  it('while the world data is checked, the action buttons are described by that', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Holds the check, then lets it through to the mock manager (a resolver returning nothing).
    server.use(
      http.get('*/api/agents/:agentId/servers/:serverId/check-data', async () => {
        await held;
      }),
    );
    const { user } = renderApp('/servers/srv-missing');
    await user.click(await screen.findByRole('button', { name: 'Recreate' }));
    for (const name of ['Recreate', 'Rebuild', 'Delete']) {
      const button = screen.getByRole('button', { name });
      expect(button).toBeDisabled();
      expect(button).toHaveAccessibleDescription('Checking the world data on the host…');
    }
    release();
    expect(await screen.findByRole('alertdialog')).toBeInTheDocument();
  });

  it('the auto-recreate switch of a deleted server', async () => {
    renderApp('/servers/srv-deleted');
    const toggle = await screen.findByRole('switch', { name: 'Auto-recreate' });
    expect(toggle).toBeDisabled();
    expect(toggle).toHaveAccessibleDescription(/Restore the server to change this\.$/);
  });
});

describe('the create form with the keyboard alone', () => {
  it('a refused submit puts focus on the first field in error', async () => {
    const { user } = renderApp('/agents/agent-local/servers/new');
    const name = await screen.findByLabelText('Name');
    screen.getByRole('button', { name: 'Create server' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(name).toHaveFocus());
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription(/^name must be/);
  });
});
