import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '@contract/errors';
import { server } from '@mocks/node';
import { renderApp } from '@/testing/render-app';

describe('create-server form', () => {
  it('shows the contract’s validation messages inline and sends nothing', async () => {
    const { user } = renderApp('/agents/agent-local/servers/new');
    await user.type(await screen.findByLabelText('Name'), 'Bad Name');
    await user.type(screen.getByLabelText('Game port (optional)'), '80');
    await user.click(screen.getByRole('button', { name: 'Create server' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(
      /name must be 3–32 characters/,
    );
    expect(screen.getByLabelText('Game port (optional)')).toHaveAccessibleDescription(
      /port must be 1024–65535/,
    );
  });

  it('refuses a __proto__ config line inline instead of dropping it', async () => {
    let sent = false;
    server.use(
      http.post('*/api/agents/:agentId/servers', () => {
        sent = true;
        return HttpResponse.json({}, { status: 500 });
      }),
    );
    const { user } = renderApp('/agents/agent-local/servers/new');
    await user.type(await screen.findByLabelText('Name'), 'proto-test');
    await user.type(screen.getByLabelText('Environment config (optional)'), '__proto__=x');
    await user.click(screen.getByRole('button', { name: 'Create server' }));
    expect(screen.getByLabelText('Environment config (optional)')).toHaveAccessibleDescription(
      /__proto__ cannot be a config key/,
    );
    expect(sent).toBe(false);
  });

  it('shows NAME_TAKEN from the manager under the name', async () => {
    const { user } = renderApp('/agents/agent-local/servers/new');
    await user.type(await screen.findByLabelText('Name'), 'alpha');
    await user.click(screen.getByRole('button', { name: 'Create server' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(screen.getByRole('alert')).toBeInTheDocument();
  });

  it('shows PORT_CONFLICT from the manager', async () => {
    server.use(
      http.post('*/api/agents/:agentId/servers', () =>
        HttpResponse.json<ApiErrorBody>(
          {
            error: {
              code: 'PORT_CONFLICT',
              message: 'Port 16261 is used by alpha',
              details: { field: 'gamePort' },
            },
          },
          { status: 409 },
        ),
      ),
    );
    const { user } = renderApp('/agents/agent-local/servers/new');
    await user.type(await screen.findByLabelText('Name'), 'zulu');
    await user.type(screen.getByLabelText('Game port (optional)'), '16261');
    await user.click(screen.getByRole('button', { name: 'Create server' }));
    expect(await screen.findAllByText('Port 16261 is used by alpha')).not.toHaveLength(0);
  });

  it('shows DATA_PATH_OVERLAP under the data path, naming the other server', async () => {
    const { user } = renderApp('/agents/agent-local/servers/new');
    await user.type(await screen.findByLabelText('Name'), 'data');
    await user.type(screen.getByLabelText('Data path (optional)'), '/srv/zedops/alpha');
    await user.click(screen.getByRole('button', { name: 'Create server' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Data path (optional)')).toHaveAccessibleDescription(
        /overlaps the folder of server alpha \(\/srv\/zedops\/alpha\)/,
      ),
    );
  });

  it('shows DATA_PATH_NOT_ALLOWED under the data path, with the allowed roots', async () => {
    const { user } = renderApp('/agents/agent-local/servers/new');
    const dataPath = await screen.findByLabelText('Data path (optional)');
    expect(dataPath).toHaveAccessibleDescription(
      /Must be inside \/srv\/zedops or \/mnt\/games\/zomboid/,
    );
    await user.type(screen.getByLabelText('Name'), 'zulu');
    await user.type(dataPath, '/home/alice');
    await user.click(screen.getByRole('button', { name: 'Create server' }));
    await waitFor(() =>
      expect(dataPath).toHaveAccessibleDescription(
        /\/home\/alice\/zulu is outside the data roots local-host allows/,
      ),
    );
  });

  it('creates the server and opens its page', async () => {
    const { user, router } = renderApp('/agents/agent-local/servers/new');
    await user.type(await screen.findByLabelText('Name'), 'zulu');
    await user.type(screen.getByLabelText('Environment config (optional)'), 'SERVER_NAME=Zulu');
    await user.click(screen.getByRole('button', { name: 'Create server' }));
    await waitFor(() => expect(router.state.location.pathname).toMatch(/^\/servers\//));
    expect(await screen.findByRole('heading', { level: 1, name: 'zulu' })).toBeInTheDocument();
  });
});
