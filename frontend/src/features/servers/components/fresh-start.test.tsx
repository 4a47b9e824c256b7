import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckDataResponse } from '@contract/http/servers';
import { server } from '@mocks/node';
import { mockDb } from '@mocks/db';
import { renderApp } from '@/testing/render-app';
import { recordRequests } from '@/testing/request-log';

let requests: ReturnType<typeof recordRequests>;
afterEach(() => requests?.stop());

describe('fresh start (no world data)', () => {
  it('opens a destructive dialog that needs an explicit confirmation and sends allowFreshStart: true', async () => {
    requests = recordRequests();
    const { user } = renderApp('/servers/srv-missing-nodata');
    await user.click(await screen.findByRole('button', { name: 'Recreate' }));

    const dialog = await screen.findByRole('alertdialog', { name: /fresh start/i });
    expect(
      within(dialog).getByText(/the world and player progress will NOT be restored/i),
    ).toBeInTheDocument();
    const confirm = within(dialog).getByRole('button', { name: 'Recreate with a fresh world' });
    expect(confirm).toBeDisabled();

    await user.click(
      within(dialog).getByRole('checkbox', {
        name: 'I understand a new, empty world will be created',
      }),
    );
    expect(confirm).toBeEnabled();
    await user.click(confirm);

    await waitFor(() =>
      expect(requests.matching('POST', '/servers/srv-missing-nodata/recreate')).toHaveLength(1),
    );
    expect(requests.matching('POST', '/servers/srv-missing-nodata/recreate')[0]?.body).toEqual({
      allowFreshStart: true,
    });
    expect(await screen.findByText('Running', {}, { timeout: 8_000 })).toBeInTheDocument();
  });

  it('cancelling the fresh-start dialog sends nothing', async () => {
    requests = recordRequests();
    const { user } = renderApp('/servers/srv-missing-nodata');
    await user.click(await screen.findByRole('button', { name: 'Recreate' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(requests.log.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('when the data vanished after the check (409 DATA_MISSING), the same fresh-start dialog opens', async () => {
    // The live check still says "data", but the store (the host) no longer has it.
    mockDb.setDataExists('srv-missing', false);
    server.use(
      http.get('*/api/agents/:agentId/servers/:serverId/check-data', () =>
        HttpResponse.json<CheckDataResponse>({
          dataExists: true,
          checkedAt: new Date().toISOString(),
          source: 'live',
          fingerprint: null,
        }),
      ),
    );
    requests = recordRequests();
    const { user } = renderApp('/servers/srv-missing');
    await user.click(await screen.findByRole('button', { name: 'Recreate' }));
    const first = await screen.findByRole('alertdialog');
    expect(
      within(first).getByText('World saves and player data will be preserved.'),
    ).toBeInTheDocument();
    await user.click(within(first).getByRole('button', { name: 'Recreate' }));

    const fresh = await screen.findByRole('alertdialog', { name: /fresh start/i });
    expect(within(fresh).getByText(/disappeared since it was checked/i)).toBeInTheDocument();
    expect(requests.matching('POST', '/servers/srv-missing/recreate')[0]?.body).toEqual({});

    await user.click(within(fresh).getByRole('checkbox', { name: /I understand/ }));
    await user.click(within(fresh).getByRole('button', { name: 'Recreate with a fresh world' }));
    await waitFor(() =>
      expect(requests.matching('POST', '/servers/srv-missing/recreate')).toHaveLength(2),
    );
    expect(requests.matching('POST', '/servers/srv-missing/recreate')[1]?.body).toEqual({
      allowFreshStart: true,
    });
  });
});
