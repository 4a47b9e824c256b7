import type { Logger } from 'pino';
import type { OperationProgress } from '@contract/http/operations';
import type { SnapshotStore } from '../data/snapshot-store';
import type { ContainerRuntime } from '../runtime/container-runtime';

/** What a command handler gets: the runtime, a logger bound to the request, and a progress sink. */
export interface CommandContext {
  runtime: ContainerRuntime;
  logger: Logger;
  /** Roots this host serves; no folder outside them is mounted or removed. */
  allowedRoots: readonly string[];
  /** Where snapshots live; null when the agent has no snapshot root (no default data path). */
  snapshots: SnapshotStore | null;
  /** Sends a `progress` frame for the request being served. */
  progress(progress: OperationProgress): void;
}
