import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fixtureUsers } from '@mocks/fixtures';
import { renderApp } from '@/testing/render-app';

describe('login', () => {
  it('a signed-out visitor is sent to the login page, and back to where they were after signing in', async () => {
    const { user, router } = renderApp('/servers/srv-missing', { role: null });
    expect(await screen.findByRole('heading', { name: 'Sign in to ZedOps' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Email'), fixtureUsers.operator.email);
    await user.type(screen.getByLabelText('Password'), fixtureUsers.operator.password);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/servers/srv-missing'));
    expect(await screen.findByRole('heading', { level: 1, name: 'charlie' })).toBeInTheDocument();
  });

  it('wrong credentials show the manager’s message', async () => {
    const { user } = renderApp('/login', { role: null });
    await user.type(await screen.findByLabelText('Email'), fixtureUsers.admin.email);
    await user.type(screen.getByLabelText('Password'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).not.toBeEmptyDOMElement();
  });

  it('signing out returns to the login page', async () => {
    const { user } = renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to ZedOps' })).toBeInTheDocument();
  });
});
