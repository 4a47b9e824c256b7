import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerResponse } from '@contract/http/servers';
import { mockDb } from '@mocks/db';
import { server } from '@mocks/node';
import { renderApp } from '@/testing/render-app';
import { recordRequests } from '@/testing/request-log';

let requests: ReturnType<typeof recordRequests>;
afterEach(() => requests?.stop());

describe('operation progress', () => {
  it('the busy button shows the image pull percentage the operation carries', async () => {
    const base = mockDb.server('srv-missing');
    const pulling: ServerResponse = {
      server: {
        ...base,
        activeOperation: {
          id: 'op-pull',
          serverId: base.id,
          kind: 'recreate',
          state: 'running',
          requestedBy: 'admin@zedops.local',
          createdAt: base.updatedAt,
          startedAt: base.updatedAt,
          finishedAt: null,
          progress: { phase: 'pulling', percent: 40 },
        },
      },
    };
    server.use(http.get('*/api/servers/srv-missing', () => HttpResponse.json(pulling)));
    renderApp('/servers/srv-missing');
    const busy = await screen.findByRole('button', { name: 'Pulling image 40%' });
    expect(busy).toBeDisabled();
    expect(busy).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('button', { name: 'Delete' })).toHaveAccessibleDescription(
      'Another operation is in progress',
    );
  });
});

describe('auto-recreate setting', () => {
  it('toggles through PATCH and shows the stored value', async () => {
    requests = recordRequests();
    const { user } = renderApp('/servers/srv-running');
    const toggle = await screen.findByRole('switch', { name: 'Auto-recreate' });
    expect(toggle).toHaveAttribute('aria-checked', 'false');
    await user.click(toggle);
    await waitFor(() =>
      expect(screen.getByRole('switch', { name: 'Auto-recreate' })).toHaveAttribute(
        'aria-checked',
        'true',
      ),
    );
    expect(requests.matching('PATCH', '/agents/agent-local/servers/srv-running')[0]?.body).toEqual({
      autoRecreate: true,
    });
  });
});
