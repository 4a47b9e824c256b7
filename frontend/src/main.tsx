import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { loadRouteChunks } from './app/router';
import './index.css';

// In `--mode mock` the MSW worker must be intercepting before the first request goes out.
async function enableMocks(): Promise<void> {
  if (import.meta.env.VITE_USE_MOCKS !== 'true') return;
  const { worker } = await import('@mocks/browser');
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
}

// The first screen's route chunks come with the entry's, not after its first render.
void Promise.all([enableMocks(), loadRouteChunks(window.location)]).then(() => {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
