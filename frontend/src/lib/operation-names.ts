import type { OperationKind } from '@contract/http/operations';

const names: Record<OperationKind, string> = {
  create: 'Create',
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  rebuild: 'Rebuild',
  recreate: 'Recreate',
  restore: 'Restore',
  delete: 'Delete',
  purge: 'Purge',
  snapshot: 'Snapshot',
  rollback: 'Roll back',
};

const verbs: Record<OperationKind, string> = {
  create: 'Creating',
  start: 'Starting',
  stop: 'Stopping',
  restart: 'Restarting',
  rebuild: 'Rebuilding',
  recreate: 'Recreating',
  restore: 'Restoring',
  delete: 'Deleting',
  purge: 'Purging',
  snapshot: 'Taking a snapshot',
  rollback: 'Rolling back',
};

/** Capitalised name of an operation kind, also the name of its button ("Recreate"). */
export const operationName = (kind: OperationKind): string => names[kind];

/** Progressive form for a running operation ("Recreating"). */
export const operationVerb = (kind: OperationKind): string => verbs[kind];
