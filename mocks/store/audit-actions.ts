import type { OperationKind } from '@contract/http/operations';

/** Audit action written for each operation kind (the recreate routine adds `server.recreated`). */
export const auditActionFor: Record<OperationKind, string> = {
  create: 'server.created',
  start: 'server.started',
  stop: 'server.stopped',
  restart: 'server.restarted',
  rebuild: 'server.rebuilt',
  recreate: 'server.recreated',
  restore: 'server.restored',
  delete: 'server.deleted',
  purge: 'server.purged',
};
