import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '@/testing/render-app';

describe('restoring a deleted server', () => {
  it('confirms with the data state, then opens /servers/:id where the server comes back to Running', async () => {
    const { user, router } = renderApp('/agents/agent-local');
    const issues = await screen.findByRole('region', { name: /issues & recovery/i });
    const card = within(issues).getByRole('article', { name: 'Server echo' });
    expect(within(card).getByText('Deleted')).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'Restore' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(
      within(dialog).getByText('World saves and player data will be preserved.'),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/servers/srv-deleted'));
    expect(await screen.findByRole('heading', { level: 1, name: 'echo' })).toBeInTheDocument();
    expect(await screen.findByText('Running', {}, { timeout: 8_000 })).toBeInTheDocument();
  });

  it('restoring a deleted server without data asks for a fresh start', async () => {
    const { user } = renderApp('/agents/agent-local');
    const card = await screen.findByRole('article', { name: 'Server foxtrot' });
    await user.click(within(card).getByRole('button', { name: 'Restore' }));
    const dialog = await screen.findByRole('alertdialog', { name: /fresh start/i });
    expect(
      within(dialog).getByRole('button', { name: 'Restore with a fresh world' }),
    ).toBeDisabled();
  });
});
