import { useLiveStreamOpen } from './live-status';

/** Fallback polling while the live stream is down: fast while something is changing, slow otherwise. */
export const pollingIntervals = { active: 1_500, idle: 10_000 };

/** Interval for a query whose servers may be mid-operation. */
export function serverPollInterval(
  servers: ReadonlyArray<{ status: string; activeOperation: unknown }>,
): number {
  const busy = servers.some((s) => s.activeOperation !== null || s.status === 'creating');
  return busy ? pollingIntervals.active : pollingIntervals.idle;
}

/**
 * A query's `refetchInterval` while the live stream is down, `false` while it is open: the
 * events keep the cache current, so polling would only repeat what they already said.
 */
export function usePollWhileStreamDown<T>(interval: T): T | false {
  return useLiveStreamOpen() ? false : interval;
}
