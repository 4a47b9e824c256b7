import type { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { loadRouteChunks } from './app/router';
import { openLiveUpdatesEarly } from './app/live/live-updates-connection';
import { meQueryOptions } from './features/auth/api/get-me';
import { createQueryClient } from './lib/query-client';
import './index.css';

// In `--mode mock` the MSW worker must be intercepting before the first request goes out.
async function enableMocks(): Promise<void> {
  if (import.meta.env.VITE_USE_MOCKS !== 'true') return;
  const { worker } = await import('@mocks/browser');
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
}

/**
 * The first screen's route chunks come before the first render, not after it: those of the
 * page when signed in (the session the HTML already asked for), the login page's when not.
 * Signed in, the live stream (and with it the overview's lists) opens meanwhile.
 */
async function loadFirstScreen(queryClient: QueryClient): Promise<void> {
  await enableMocks();
  const me = await queryClient.fetchQuery(meQueryOptions()).catch(() => null);
  if (me) openLiveUpdatesEarly(queryClient, me.id);
  await loadRouteChunks(window.location, me !== null);
}

const queryClient = createQueryClient();
void loadFirstScreen(queryClient).then(() => {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <App queryClient={queryClient} />
    </StrictMode>,
  );
});
