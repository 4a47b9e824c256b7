import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockDb } from '@mocks/db';
import { renderApp } from '@/testing/render-app';

const announcements = () => screen.getByRole('log', { name: 'Announcements' });

describe('changes a screen-reader user hears (the one polite live region)', () => {
  it('a status change of the server on screen, but not the status it opened with', async () => {
    renderApp('/servers/srv-running');
    await screen.findByRole('heading', { level: 1, name: 'alpha' });
    expect(await screen.findByTestId('server-status')).toHaveTextContent('Running');
    expect(announcements()).toBeEmptyDOMElement();

    mockDb.removeContainer('srv-running');
    await waitFor(() => expect(announcements()).toHaveTextContent('alpha is now Missing'));
  });

  it('the end of an operation, and the status it leaves', async () => {
    const { user } = renderApp('/servers/srv-missing');
    await user.click(await screen.findByRole('button', { name: 'Recreate' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Recreate' }),
    );
    await waitFor(() => expect(announcements()).toHaveTextContent('Recreate finished'), {
      timeout: 4_000,
    });
    expect(announcements()).toHaveTextContent('charlie is now Running');
  });

  it('a failed operation with its reason', async () => {
    mockDb.failNextOperation('srv-missing', {
      code: 'IMAGE_PULL_FAILED',
      message: 'pull access denied for zedops/zomboid',
    });
    const { user } = renderApp('/servers/srv-missing');
    await user.click(await screen.findByRole('button', { name: 'Recreate' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Recreate' }),
    );
    await waitFor(
      () =>
        expect(announcements()).toHaveTextContent(
          'Recreate failed: pull access denied for zedops/zomboid (IMAGE_PULL_FAILED)',
        ),
      { timeout: 4_000 },
    );
  });

  it('an agent going offline under the server on screen', async () => {
    renderApp('/servers/srv-running');
    expect(await screen.findByTestId('server-status')).toHaveTextContent('Running');
    mockDb.setAgentStatus('agent-local', 'offline');
    await waitFor(() =>
      expect(announcements()).toHaveTextContent('alpha: its agent is offline, status unknown'),
    );
  });
});
