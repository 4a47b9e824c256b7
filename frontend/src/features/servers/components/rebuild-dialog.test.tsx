import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import type { Server } from '@contract/http/servers';
import { apiPaths } from '@contract/http/paths';
import { mockDb } from '@mocks/db';
import { fixtureIds } from '@mocks/fixtures';
import { server as mswServer } from '@mocks/node';
import { createQueryClient } from '@/lib/query-client';
import { sampleServer } from '@/testing/sample-entities';
import { RebuildDialog } from './rebuild-dialog';

const noop = () => {};

/** Waits until the dialog says `text` (it spans the short image ids' own elements). */
const says = (dialog: HTMLElement, text: string | RegExp) =>
  waitFor(() => expect(dialog).toHaveTextContent(text));

/** The dialog alone, asking the mock manager (signed in as an operator) for its preview. */
function renderDialog(server: Server, onConfirm = noop) {
  mockDb.signInAs('operator');
  render(
    <QueryClientProvider client={createQueryClient()}>
      <RebuildDialog server={server} pending={false} onCancel={noop} onConfirm={onConfirm} />
    </QueryClientProvider>,
  );
  return screen.getByRole('alertdialog', { name: `Rebuild ${server.name}?` });
}

const { running: alpha, stopped: bravo } = fixtureIds.servers;

describe('rebuild dialog', () => {
  it('says the world is snapshotted first, and that a pinned image is re-pinned', async () => {
    const server = sampleServer({
      image: 'reg/pz',
      imageTag: 'b42',
      imageId: `sha256:${'ab'.repeat(32)}`,
    });
    const dialog = renderDialog(server);
    expect(dialog).toHaveTextContent('A snapshot of the world is taken first');
    expect(dialog).toHaveTextContent(
      'The image is pulled again and re-pinned: the server now runs sha256:abababababab; afterwards it runs whatever reg/pz:b42 points to then.',
    );
    // A server the manager does not know: the preview cannot be had, and says so.
    expect(
      await screen.findByText(/Could not check whether the game image changes: Server srv-1/),
    ).toBeInTheDocument();
  });

  it('says nothing about pinning when no image is pinned yet', async () => {
    renderDialog(sampleServer());
    expect(screen.getByRole('alertdialog')).not.toHaveTextContent('re-pinned');
    expect(await screen.findByText(/Could not check/)).toBeInTheDocument();
  });

  it('while the registry is asked, shows that it checks and lets the rebuild be confirmed', async () => {
    const onConfirm = vi.fn();
    const dialog = renderDialog(mockDb.server(alpha), onConfirm);
    expect(dialog).toHaveTextContent('Checking the registry for the current image…');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Rebuild' }));
    expect(onConfirm).toHaveBeenCalledOnce();
    expect(await screen.findByText(/Game image will change/)).toBeInTheDocument();
  });

  it('a moved tag: “Game image will change from <pinned> to <registry’s>”, and the snapshot lets you roll back', async () => {
    const dialog = renderDialog(mockDb.server(alpha));
    await says(dialog, 'Game image will change from sha256:b2b2b2b2b2b2 to sha256:c3c3c3c3c3c3');
    expect(dialog).toHaveTextContent(
      'Registry digests of registry.local/zedops/zomboid:41.78.16: the tag has moved since this server last ran.',
    );
    expect(dialog).toHaveTextContent('the snapshot taken first lets you roll back');
  });

  it('an unmoved tag: the image stays the same', async () => {
    const dialog = renderDialog(mockDb.server(bravo));
    await says(dialog, 'The game image stays the same (sha256:a1a1a1a1a1a1)');
    expect(dialog).not.toHaveTextContent('will change');
  });

  it('a registry down: could not be checked, and why', async () => {
    mockDb.setRegistryDown(true);
    renderDialog(mockDb.server(alpha));
    expect(
      await screen.findByText(
        /Could not check whether the game image changes: The registry could not say what the tag is now: .*connection refused/,
      ),
    ).toBeInTheDocument();
  });

  it('the agent offline: could not be checked, and why', async () => {
    mockDb.setAgentStatus(fixtureIds.agents.local, 'offline');
    renderDialog(mockDb.server(alpha));
    expect(await screen.findByText(/The agent is offline/)).toBeInTheDocument();
  });

  it('a failed request is said in words and the dialog stays usable', async () => {
    mswServer.use(
      http.get(`*${apiPaths.rebuildPreview(':serverId')}`, () =>
        HttpResponse.json(
          { error: { code: 'FORBIDDEN', message: 'This needs the operator role' } },
          { status: 403 },
        ),
      ),
    );
    renderDialog(mockDb.server(bravo));
    expect(
      await screen.findByText(
        'Could not check whether the game image changes: This needs the operator role',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Rebuild' })).toBeEnabled();
  });
});
