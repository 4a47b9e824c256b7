/** Fallback polling while the live stream is absent: fast while something is changing, slow otherwise. */
export const pollingIntervals = { active: 1_500, idle: 10_000 };

/** Interval for a query whose servers may be mid-operation. */
export function serverPollInterval(
  servers: ReadonlyArray<{ status: string; activeOperation: unknown }>,
): number {
  const busy = servers.some((s) => s.activeOperation !== null || s.status === 'creating');
  return busy ? pollingIntervals.active : pollingIntervals.idle;
}
