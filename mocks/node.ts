import { setupServer } from 'msw/node';
import { handlers } from './handlers';

/** The MSW server for vitest (jsdom and node); start it with `onUnhandledRequest: 'error'`. */
export const server = setupServer(...handlers);
