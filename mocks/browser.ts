import { setupWorker } from 'msw/browser';
import { mockDb } from './db';
import { persistToSessionStorage } from './browser-persistence';
import { handlers } from './handlers';

persistToSessionStorage();

/** The MSW service worker for `npm run dev:mock`; the app calls `worker.start()`. */
export const worker = setupWorker(...handlers);

// Handy in the devtools console: `zedopsMock.removeContainer('srv-running')`, `.reset()`, …
(window as unknown as { zedopsMock: typeof mockDb }).zedopsMock = mockDb;
