import type { Logger } from 'pino';
import type { OperationProgress } from '@contract/http/operations';
import type { HostData } from '../data/host-data';
import type { ContainerRuntime } from '../runtime/container-runtime';

/**
 * What a command handler gets: the runtime, the host's server folders, a logger bound to the
 * request, and a progress sink. Handlers reach Docker and the disk only through these two
 * interfaces, so the same domain code runs over in-memory fakes in tests.
 */
export interface CommandContext {
  runtime: ContainerRuntime;
  /** Server folders and snapshot archives on this host. */
  data: HostData;
  logger: Logger;
  /** Roots this host serves; no folder outside them is mounted or removed. */
  allowedRoots: readonly string[];
  /** Sends a `progress` frame for the request being served. */
  progress(progress: OperationProgress): void;
}
