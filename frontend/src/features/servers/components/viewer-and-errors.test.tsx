import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '@contract/errors';
import { mockDb } from '@mocks/db';
import { server } from '@mocks/node';
import { renderApp } from '@/testing/render-app';

describe('viewer', () => {
  it('is offered no mutating action and is told why', async () => {
    renderApp('/servers/srv-missing', { role: 'viewer' });
    expect(await screen.findByRole('heading', { level: 1, name: 'charlie' })).toBeInTheDocument();
    for (const name of [
      'Recreate',
      'Start',
      'Stop',
      'Restart',
      'Rebuild',
      'Delete',
      'Restore',
      'Purge',
    ]) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    expect(screen.getAllByText(/Viewers cannot change servers/).length).toBeGreaterThan(0);
    expect(screen.getByRole('switch', { name: 'Auto-recreate' })).toBeDisabled();
  });
});

/** A toast is what the eye sees; the one live region is what a screen reader says. */
const toasts = (options?: { timeout: number }) =>
  screen.findByRole('region', { name: 'Notifications' }, options);
const announcements = () => screen.getByRole('log', { name: 'Announcements' });

describe('failures are shown and announced, never silent', () => {
  it('an operation that fails after the 202 shows its message', async () => {
    mockDb.failNextOperation('srv-missing', {
      code: 'IMAGE_PULL_FAILED',
      message: 'pull access denied for zedops/zomboid',
    });
    const { user } = renderApp('/servers/srv-missing');
    await user.click(await screen.findByRole('button', { name: 'Recreate' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Recreate' }),
    );
    const shown = await toasts({ timeout: 8_000 });
    expect(shown).toHaveTextContent('Recreate failed');
    expect(shown).toHaveTextContent('pull access denied for zedops/zomboid');
    expect(announcements()).toHaveTextContent(
      'Recreate failed: pull access denied for zedops/zomboid',
    );
  });

  it('a refused request shows the manager’s message', async () => {
    server.use(
      http.post('*/api/agents/:agentId/servers/:serverId/stop', () =>
        HttpResponse.json<ApiErrorBody>(
          { error: { code: 'INVALID_STATE', message: 'The container is being replaced' } },
          { status: 409 },
        ),
      ),
    );
    const { user } = renderApp('/servers/srv-running');
    await user.click(await screen.findByRole('button', { name: 'Stop' }));
    const shown = await toasts();
    expect(shown).toHaveTextContent('Stop failed');
    expect(shown).toHaveTextContent('The container is being replaced');
    expect(announcements()).toHaveTextContent('Stop failed: The container is being replaced');
  });

  it('a failing data check is reported and no dialog opens', async () => {
    server.use(
      http.get('*/api/agents/:agentId/servers/:serverId/check-data', () => HttpResponse.error()),
    );
    const { user } = renderApp('/servers/srv-missing');
    await user.click(await screen.findByRole('button', { name: 'Recreate' }));
    expect(await toasts()).toHaveTextContent('Could not check the server’s data');
    expect(announcements()).toHaveTextContent('Could not check the server’s data');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});
