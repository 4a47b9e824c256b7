import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '@/testing/render-app';
import { loadRouteChunks } from './router';

// A lazy page that suspends at the first render commits the spinner, and React then holds the
// page back until 300 ms after the spinner appeared: the entry fetches the chunks first.
describe('the first screen’s route chunks', () => {
  it('fetched before the first render, the page renders without the loading spinner', async () => {
    await loadRouteChunks({ pathname: '/login' }, false);
    renderApp('/login', { role: null });
    expect(screen.queryByLabelText('Loading page')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toBeInTheDocument();
  });

  it('signed out at a signed-in page, it is the login page’s chunk that comes first', async () => {
    await loadRouteChunks({ pathname: '/users' }, false);
    const { router } = renderApp('/users', { role: null });
    expect(await screen.findByRole('heading', { level: 1, name: /sign in/i })).toBeInTheDocument();
    // The redirect's navigation can settle just after the login page has rendered (it failed
    // once in CI on a loaded machine): waited for, not read at one instant.
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
  });

  it('not fetched first, the page still comes, after the spinner', async () => {
    renderApp('/no/such/page');
    expect(screen.getByText(/^Loading/)).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1 })).toBeInTheDocument();
  });
});
