import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckDataResponse } from '@contract/http/servers';
import type { Fingerprint } from '@contract/http/snapshots';
import { mockDb } from '@mocks/db';
import { server } from '@mocks/node';
import { renderApp } from '@/testing/render-app';
import { recordRequests } from '@/testing/request-log';

let requests: ReturnType<typeof recordRequests>;
afterEach(() => requests?.stop());

/** Saves/ emptied and almost every file gone. */
const damaged = (): Fingerprint => ({
  fileCount: 12,
  totalBytes: 40_960,
  hasSaves: false,
  takenAt: new Date().toISOString(),
});

/** Cells of the fingerprint table's row `name` (header cell left out). */
const cells = (dialog: HTMLElement, name: RegExp) =>
  within(within(dialog).getByRole('row', { name })).getAllByRole('cell');

describe('a world that diverged from its last healthy fingerprint', () => {
  it('Recreate shows both fingerprints side by side and rolls back to the latest snapshot', async () => {
    mockDb.setWorld('srv-missing', damaged());
    requests = recordRequests();
    const { user } = renderApp('/servers/srv-missing');
    await user.click(await screen.findByRole('button', { name: 'Recreate' }));

    const dialog = await screen.findByRole('alertdialog', {
      name: 'The world of charlie has shrunk',
    });
    expect(cells(dialog, /Files/).map((c) => c.textContent)).toEqual([
      '1,843 files',
      '12 files (went down)',
    ]);
    expect(cells(dialog, /Saves/).map((c) => c.textContent)).toEqual([
      'has files',
      'empty or missing (went down)',
    ]);
    expect(requests.matching('POST', '/recreate')).toEqual([]);

    const rollBack = within(dialog).getByRole('button', {
      name: 'Roll back to the latest snapshot',
    });
    await waitFor(() => expect(rollBack).toBeEnabled());
    expect(dialog).toHaveTextContent(/latest snapshot was taken .* Manual/);
    await user.click(rollBack);
    await waitFor(() =>
      expect(requests.matching('POST', '/servers/srv-missing/rollback')).toHaveLength(1),
    );
    expect(requests.matching('POST', '/servers/srv-missing/rollback')[0]?.body).toEqual({
      snapshotId: '5f0c1a52-3d1e-4c55-9a43-0d3c1f0a0003',
    });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  });

  it('a 409 DATA_DIVERGED from the manager opens the same dialog with the fingerprints it sent', async () => {
    // The check still looks healthy, but the world shrank before the request arrived.
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
    mockDb.setWorld('srv-missing', damaged());
    requests = recordRequests();
    const { user } = renderApp('/servers/srv-missing');
    await user.click(await screen.findByRole('button', { name: 'Recreate' }));
    const confirm = await screen.findByRole('alertdialog');
    await user.click(within(confirm).getByRole('button', { name: 'Recreate' }));

    const dialog = await screen.findByRole('alertdialog', { name: /has shrunk/ });
    expect(cells(dialog, /Size/).map((c) => c.textContent)).toEqual([
      '700 MB',
      '40 KB (went down)',
    ]);
    expect(requests.matching('POST', '/servers/srv-missing/recreate')).toHaveLength(1);
  });

  it('"Use the data as it is" asks a second time, then resends with allowDataDivergence', async () => {
    mockDb.setWorld('srv-missing', damaged());
    requests = recordRequests();
    const { user } = renderApp('/servers/srv-missing');
    await user.click(await screen.findByRole('button', { name: 'Recreate' }));
    const first = await screen.findByRole('alertdialog', { name: /has shrunk/ });
    await user.click(within(first).getByRole('button', { name: 'Use the data as it is…' }));

    const second = await screen.findByRole('alertdialog', {
      name: 'Use the data of charlie as it is?',
    });
    expect(second).toHaveTextContent('Whatever is missing stays missing');
    expect(second).toHaveTextContent('12 files, 40 KB, Saves/ empty or missing');
    expect(requests.matching('POST', '/recreate')).toEqual([]);
    await user.click(
      within(second).getByRole('button', { name: 'Recreate with the data as it is' }),
    );

    await waitFor(() =>
      expect(requests.matching('POST', '/servers/srv-missing/recreate')).toHaveLength(1),
    );
    expect(requests.matching('POST', '/servers/srv-missing/recreate')[0]?.body).toEqual({
      allowDataDivergence: true,
    });
    expect(await screen.findByText('Running', {}, { timeout: 8_000 })).toBeInTheDocument();
  });

  it('without a ready snapshot, "Roll back to the latest snapshot" is disabled and says why', async () => {
    mockDb.setWorld('srv-deleted', damaged());
    const { user } = renderApp('/servers/srv-deleted');
    await user.click(await screen.findByRole('button', { name: 'Restore' }));
    const dialog = await screen.findByRole('alertdialog', { name: /has shrunk/ });
    const rollBack = within(dialog).getByRole('button', {
      name: 'Roll back to the latest snapshot',
    });
    await waitFor(() =>
      expect(rollBack).toHaveAccessibleDescription(
        'There is no ready snapshot of this server to roll back to',
      ),
    );
    expect(rollBack).toBeDisabled();
    expect(within(dialog).getByRole('button', { name: 'Use the data as it is…' })).toBeEnabled();
  });
});

describe('data banner', () => {
  it('shows the world now against the last healthy one', async () => {
    renderApp('/servers/srv-running');
    const table = await screen.findByRole('table', { name: /World data of alpha/ });
    await waitFor(() =>
      expect(within(table).getByRole('row', { name: /Files/ })).toHaveTextContent(
        /1,843 files.*1,843 files/,
      ),
    );
    expect(screen.getByText('World data present')).toBeInTheDocument();
  });

  it('says so when the world shrank, and which values went down', async () => {
    mockDb.setWorld('srv-stopped', damaged());
    renderApp('/servers/srv-stopped');
    expect(
      await screen.findByText('World data has shrunk since it last ran healthy'),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: /World data of/ });
    expect(within(table).getByRole('row', { name: /Saves/ })).toHaveTextContent('(went down)');
  });
});
