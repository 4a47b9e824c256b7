import * as z from 'zod/mini';
import type { CheckDataResponse, Server, ServerAction } from '@contract/http/servers';
import { Fingerprint } from '@contract/http/snapshots';
import { divergenceGuardRefuses, lifecycleTable } from '@contract/lifecycle';
import type { ApiError } from '@/lib/api-client';

/** Both sides of a DATA_DIVERGED refusal (null where the manager sent none we can read). */
export type Divergence = { healthy: Fingerprint | null; current: Fingerprint | null };

const DivergedDetails = z.object({ healthy: Fingerprint, current: Fingerprint });

/** The fingerprints a 409 DATA_DIVERGED carries in its details. */
export function divergenceOf(err: ApiError): Divergence {
  const parsed = DivergedDetails.safeParse(err.details);
  return parsed.success ? parsed.data : { healthy: null, current: null };
}

/**
 * The same question the manager asks, on the check the dialog flow just made: a world that
 * diverged is shown at once instead of a "data preserved" confirmation the manager would refuse.
 */
export function divergedBeforeAsking(
  server: Server,
  action: ServerAction,
  check: CheckDataResponse,
): Divergence | null {
  const cell = lifecycleTable[server.status][action];
  if (!cell.allowed || check.source !== 'live') return null;
  const refuses = divergenceGuardRefuses({
    dataGuards: cell.dataGuards,
    healthy: server.healthyFingerprint,
    current: check.fingerprint,
    dataExists: check.dataExists,
    allowDataDivergence: false,
  });
  return refuses ? { healthy: server.healthyFingerprint, current: check.fingerprint } : null;
}
