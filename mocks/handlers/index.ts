import { agentHandlers } from './agents';
import { auditHandlers } from './audit';
import { authHandlers } from './auth';
import { eventHandlers } from './events';
import { operationHandlers } from './operations';
import { serverActionHandlers } from './server-actions';
import { serverHandlers } from './servers';
import { snapshotHandlers } from './snapshots';
import { userHandlers } from './users';

/** Every mock route; shared by the browser worker (dev:mock) and the vitest node server. */
export const handlers = [
  ...authHandlers,
  ...agentHandlers,
  ...serverHandlers,
  ...snapshotHandlers,
  ...serverActionHandlers,
  ...operationHandlers,
  ...auditHandlers,
  ...userHandlers,
  ...eventHandlers,
];
