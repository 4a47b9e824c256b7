import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { mockDb } from '@mocks/db';
import { renderApp } from '@/testing/render-app';
import { recordRequests } from '@/testing/request-log';

let requests: ReturnType<typeof recordRequests> | undefined;
afterEach(() => {
  requests?.stop();
  requests = undefined;
});

const section = async () => screen.findByRole('region', { name: 'Snapshots' });
/** Data rows of the snapshot table (the header row left out). */
const rows = (region: HTMLElement) => within(region).getAllByRole('row').slice(1);

describe('Snapshots section', () => {
  it('lists the snapshots newest first with reason, size, files, age and the verified mark', async () => {
    renderApp('/servers/srv-running');
    const region = await section();
    await waitFor(() => expect(rows(region)).toHaveLength(2));
    const [newest, oldest] = rows(region);
    expect(newest).toHaveTextContent(
      /6 h ago.*Before rebuild.*278 MB.*1,844 files.*Ready.*Verified/,
    );
    expect(oldest).toHaveTextContent(/2 days ago.*Manual.*by admin@zedops\.local/);
  });

  it('Snapshot now runs a snapshot with a progress bar; the new row arrives by live events alone', async () => {
    mockDb.setOperationDelayMs(150);
    const { user, queryClient } = renderApp('/servers/srv-running');
    const region = await section();
    await waitFor(() => expect(rows(region)).toHaveLength(2));
    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    requests = recordRequests();

    await user.click(within(region).getByRole('button', { name: 'Snapshot now' }));
    expect(await within(region).findByRole('progressbar')).toHaveAccessibleName(
      /Taking a snapshot/,
    );
    expect(
      within(region).getByRole('button', { name: 'Snapshot now' }),
    ).toHaveAccessibleDescription('Another operation is in progress');
    await waitFor(() => expect(rows(region)).toHaveLength(3), { timeout: 8_000 });
    await waitFor(() => expect(rows(region)[0]).toHaveTextContent(/just now.*Manual.*Verified/));
    await waitFor(() => expect(within(region).queryByRole('progressbar')).toBeNull());
    expect(requests.matching('POST', '/servers/srv-running/snapshot')).toHaveLength(1);
    expect(requests.matching('GET', '/servers/srv-running/snapshots')).toEqual([]);
  });

  it('Roll back names the world it replaces and the snapshot taken first, then rolls back', async () => {
    requests = recordRequests();
    const { user } = renderApp('/servers/srv-running');
    const region = await section();
    await waitFor(() => expect(rows(region)).toHaveLength(2));
    const oldest = rows(region)[1]!;
    await user.click(within(oldest).getByRole('button', { name: /Roll back/ }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Roll back alpha?' });
    expect(dialog).toHaveTextContent('/srv/zedops/alpha');
    expect(dialog).toHaveTextContent(/replaced by the snapshot taken .* Manual, 1,844 files/);
    expect(
      await within(dialog).findByText('1,843 files, 700 MB, Saves/ has files'),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent('A snapshot of the current world is taken first');
    expect(dialog).toHaveTextContent('stopped, rolled back and started again');
    await user.click(within(dialog).getByRole('button', { name: 'Roll back' }));

    await waitFor(() =>
      expect(requests!.matching('POST', '/servers/srv-running/rollback')).toHaveLength(1),
    );
    expect(requests.matching('POST', '/servers/srv-running/rollback')[0]?.body).toEqual({
      snapshotId: '5f0c1a52-3d1e-4c55-9a43-0d3c1f0a0001',
    });
    await waitFor(() => expect(rows(region)[0]).toHaveTextContent(/Before rollback.*Ready/), {
      timeout: 8_000,
    });
  });

  it('cancelling the rollback dialog sends nothing and gives focus back to its button', async () => {
    requests = recordRequests();
    const { user } = renderApp('/servers/srv-running');
    const region = await section();
    await waitFor(() => expect(rows(region)).toHaveLength(2));
    const button = within(rows(region)[0]!).getByRole('button', { name: /Roll back/ });
    await user.click(button);
    await screen.findByRole('alertdialog');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    await waitFor(() => expect(button).toHaveFocus());
    expect(requests.log.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('admins delete a snapshot after a confirmation that says the world is not touched', async () => {
    requests = recordRequests();
    const { user } = renderApp('/servers/srv-running');
    const region = await section();
    await waitFor(() => expect(rows(region)).toHaveLength(2));
    await user.click(within(rows(region)[1]!).getByRole('button', { name: /Delete/ }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete this snapshot?' });
    expect(dialog).toHaveTextContent('current world is not touched');
    await user.click(within(dialog).getByRole('button', { name: 'Delete snapshot' }));
    await waitFor(() => expect(rows(region)).toHaveLength(1));
    expect(
      requests.matching('DELETE', '/api/snapshots/5f0c1a52-3d1e-4c55-9a43-0d3c1f0a0001'),
    ).toHaveLength(1);
    expect(rows(region)[0]).toHaveTextContent('Before rebuild');
    // Its Delete button is gone with it: focus lands on the section, not on the page body.
    await waitFor(() => expect(region).toHaveFocus());
  });

  it('operators roll back but cannot delete; viewers only read', async () => {
    const operator = renderApp('/servers/srv-running', { role: 'operator' });
    let region = await section();
    await waitFor(() => expect(rows(region)).toHaveLength(2));
    expect(within(region).getAllByRole('button', { name: /Roll back/ })).toHaveLength(2);
    expect(within(region).queryByRole('button', { name: /Delete/ })).toBeNull();
    operator.unmount();

    renderApp('/servers/srv-running', { role: 'viewer' });
    region = await section();
    await waitFor(() => expect(rows(region)).toHaveLength(2));
    expect(within(region).queryByRole('button')).toBeNull();
  });

  it('a snapshot that fails shows Failed with the reason, and the toast names the code', async () => {
    mockDb.failNextSnapshot('srv-running');
    const { user } = renderApp('/servers/srv-running');
    const region = await section();
    await waitFor(() => expect(rows(region)).toHaveLength(2));
    await user.click(within(region).getByRole('button', { name: 'Snapshot now' }));
    await waitFor(
      () => expect(rows(region)[0]).toHaveTextContent(/Manual.*Failed.*could not be written/),
      {
        timeout: 8_000,
      },
    );
    expect(within(rows(region)[0]!).queryByRole('button', { name: /Roll back/ })).toBeNull();
    expect(await screen.findByRole('region', { name: 'Notifications' })).toHaveTextContent(
      /Snapshot failed.*SNAPSHOT_FAILED/,
    );
  });

  it('without world data, Snapshot now is disabled and says why', async () => {
    renderApp('/servers/srv-missing-nodata');
    const region = await section();
    expect(await within(region).findByText('No snapshots yet.')).toBeInTheDocument();
    expect(
      within(region).getByRole('button', { name: 'Snapshot now' }),
    ).toHaveAccessibleDescription('No world data was found: there is nothing to snapshot');
  });
});
