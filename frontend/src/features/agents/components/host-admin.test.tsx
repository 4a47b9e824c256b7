import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockDb } from '@mocks/db';
import { fixtureIds } from '@mocks/fixtures';
import { renderApp } from '@/testing/render-app';

describe('adding and managing hosts (admin)', () => {
  it('Add host shows the token once with the exact command, and the host is pending', async () => {
    const { user } = renderApp('/');
    await user.click(await screen.findByRole('link', { name: '+ Add host' }));
    await user.type(await screen.findByLabelText('Name'), 'rack-2');
    await user.clear(screen.getByLabelText('Data path'));
    await user.type(screen.getByLabelText('Data path'), '/srv/pz');
    await user.type(screen.getByLabelText('Other allowed roots (optional)'), '/mnt/games');
    await user.click(screen.getByRole('button', { name: 'Add host' }));
    const command = await screen.findByText(/^node zedops-agent\.mjs /);
    const token = mockDb.agents().find((a) => a.name === 'rack-2');
    expect(token?.status).toBe('pending');
    expect(command.textContent).toMatch(
      /^node zedops-agent\.mjs --manager ws:\/\/localhost(:\d+)? --token zo_\S+ --data-path \/srv\/pz --allowed-root \/mnt\/games$/,
    );
    expect(screen.getByText(/ZEDOPS_AGENT_TOKEN=zo_/)).toBeInTheDocument();
    expect(
      screen.getByText(/ExecStart=\/usr\/bin\/node \/opt\/zedops\/zedops-agent\.mjs/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy registration token' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: /rack-2/ })).toHaveTextContent('pending');
  });

  it('rotating asks first, then shows the new token', async () => {
    const { user } = renderApp(`/agents/${fixtureIds.agents.local}`);
    await user.click(await screen.findByRole('button', { name: 'Rotate token' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('disconnected at once');
    await user.click(within(dialog).getByRole('button', { name: 'Rotate token' }));
    expect(await screen.findByText(/^node zedops-agent\.mjs .*--token zo_/)).toBeInTheDocument();
  });

  it('a host with servers cannot be deleted and says why', async () => {
    renderApp(`/agents/${fixtureIds.agents.local}`);
    expect(await screen.findByRole('button', { name: 'Delete host' })).toBeDisabled();
    expect(screen.getByText(/purge them first/)).toBeInTheDocument();
  });

  it('an empty host is deleted after a confirmation that says nothing on the host is touched', async () => {
    const { agent } = mockDb.createAgent({ name: 'spare' }, 'test');
    const { user, router } = renderApp(`/agents/${agent.id}`);
    await user.click(await screen.findByRole('button', { name: 'Delete host' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('Nothing on the host itself is touched');
    await user.click(within(dialog).getByRole('button', { name: 'Delete host' }));
    await screen.findByRole('heading', { level: 1, name: 'Servers' });
    expect(router.state.location.pathname).toBe('/');
    expect(mockDb.agents().some((a) => a.id === agent.id)).toBe(false);
  });

  it('settings: a root still in use is refused with the manager’s message', async () => {
    const { user } = renderApp(`/agents/${fixtureIds.agents.local}`);
    const roots = await screen.findByLabelText('Other allowed roots');
    expect(roots).toHaveValue('/mnt/games/zomboid');
    await user.type(screen.getByLabelText('Host name'), '-renamed');
    await user.click(screen.getByRole('button', { name: 'Save host settings' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(mockDb.agent(fixtureIds.agents.local).name).toBe('local-host-renamed');
  });

  it('operators see no host settings', async () => {
    renderApp(`/agents/${fixtureIds.agents.local}`, { role: 'operator' });
    expect(await screen.findByRole('heading', { name: 'Servers' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Rotate token' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '+ Add host' })).not.toBeInTheDocument();
  });
});
