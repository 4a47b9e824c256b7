import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { mockDb } from '@mocks/db';
import { fixtureIds } from '@mocks/fixtures';
import { renderApp } from '@/testing/render-app';
import { recordRequests } from '@/testing/request-log';

let requests: ReturnType<typeof recordRequests>;
afterEach(() => requests?.stop());

const localSection = () => screen.findByRole('region', { name: 'Agent local-host' });

describe('Recover all', () => {
  it('appears on the overview for a host with Missing servers, with their count; not for a viewer', async () => {
    renderApp('/');
    const local = await localSection();
    // charlie and delta are Missing on local-host; juliet on remote-host.
    expect(within(local).getByRole('button', { name: 'Recover all (2)' })).toBeEnabled();
    const remote = screen.getByRole('region', { name: 'Agent remote-host' });
    expect(within(remote).getByRole('button', { name: 'Recover all (1)' })).toBeEnabled();
  });

  it('is hidden from viewers', async () => {
    renderApp('/', { role: 'viewer' });
    await localSection();
    expect(screen.queryByRole('button', { name: /Recover all/ })).toBeNull();
  });

  it('says what will happen, then lists each server live: one recovered, one skipped for lack of data', async () => {
    requests = recordRequests();
    const { user } = renderApp(`/agents/${fixtureIds.agents.local}`);
    await user.click(await screen.findByRole('button', { name: 'Recover all (2)' }));
    const confirm = await screen.findByRole('alertdialog');
    expect(within(confirm).getByText(/2 at a time/)).toBeVisible();
    expect(within(confirm).getByText(/never started with a fresh world/)).toBeVisible();
    expect(within(confirm).getByRole('list', { name: 'Servers to recover' })).toHaveTextContent(
      /charlie.*delta/,
    );
    await user.click(within(confirm).getByRole('button', { name: 'Recover 2' }));

    const results = await screen.findByRole('dialog', { name: 'Recovering local-host' });
    const rows = within(results).getAllByTestId('recover-row');
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^charlie/),
      expect.stringMatching(/^delta.*Skipped: no world data/),
    ]);
    await waitFor(() => expect(within(rows[0]!).getByText('Recovered')).toBeVisible(), {
      timeout: 4_000,
    });
    expect(within(results).getByTestId('recover-summary')).toHaveTextContent(
      '1 of 1 recovered · 1 skipped',
    );
    expect(requests.matching('POST', `/agents/${fixtureIds.agents.local}/recover`)).toHaveLength(1);
    expect(requests.matching('POST', '/recover')[0]!.body).toEqual({});
    expect(mockDb.server(fixtureIds.servers.missingNoData).status).toBe('missing');
    expect(mockDb.server(fixtureIds.servers.missing).status).toBe('running');

    // Closing the list leaves the button for what is still Missing, and focus goes back to it.
    await user.click(within(results).getByRole('button', { name: 'Close' }));
    const again = await screen.findByRole('button', { name: 'Recover all (1)' });
    expect(again).toBeEnabled();
    await waitFor(() => expect(again).toHaveFocus());
  });

  it('a double-click on the confirm button sends one request', async () => {
    requests = recordRequests();
    const { user } = renderApp(`/agents/${fixtureIds.agents.local}`);
    await user.click(await screen.findByRole('button', { name: 'Recover all (2)' }));
    await user.dblClick(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Recover 2' }),
    );
    await screen.findByRole('dialog', { name: 'Recovering local-host' });
    expect(requests.matching('POST', '/recover')).toHaveLength(1);
  });

  it('offline: the recreates queue until the agent reconnects, and the list says so', async () => {
    const { user } = renderApp(`/agents/${fixtureIds.agents.remote}`);
    await user.click(await screen.findByRole('button', { name: 'Recover all (1)' }));
    const confirm = await screen.findByRole('alertdialog');
    expect(within(confirm).getByText(/agent is offline/)).toBeVisible();
    await user.click(within(confirm).getByRole('button', { name: 'Recover 1' }));
    const results = await screen.findByRole('dialog', { name: 'Recovering remote-host' });
    expect(await within(results).findByText('Queued until the agent reconnects')).toBeVisible();
  });
});
