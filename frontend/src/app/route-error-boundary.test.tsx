import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderApp } from '@/testing/render-app';

// The account page's chunk cannot be loaded (a release replaced it, the network dropped).
vi.mock('./routes/account-page', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

describe('a page that cannot load', () => {
  it('says so instead of an empty window, and going elsewhere works again', async () => {
    const { router } = renderApp('/account');
    const problem = await screen.findByRole('alert');
    expect(problem).toHaveTextContent('This page could not be shown');
    expect(problem).toHaveTextContent('Reload the page to try again.');
    // React reports the error the boundary caught; that one is expected here, and only it.
    const logged = vi.mocked(console.error).mock.calls.flat().join(' ');
    expect(logged).toContain('RouteErrorBoundary');
    vi.mocked(console.error).mockClear();

    await router.navigate('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Servers' })).toBeInTheDocument();
    expect(screen.queryByText('This page could not be shown')).not.toBeInTheDocument();
  });
});
