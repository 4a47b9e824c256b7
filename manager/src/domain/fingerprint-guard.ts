import type { DataCheckItem } from '@contract/agent-protocol';
import { fingerprintDiverged, type Fingerprint } from '@contract/http/snapshots';
import { divergenceGuardRefuses, type DataGuard } from '@contract/lifecycle';
import type { ServerRecord } from '../db/servers-repo';
import { DataDivergedError } from './errors';

/**
 * The fingerprint guard (docs/design.md, fingerprint guard): the manager keeps each server's last
 * healthy fingerprint and refuses to start a container over a world that shrank from it.
 */

/** Refuse (DATA_DIVERGED, nothing changed) when the live check shows a diverged world. */
export function refuseDivergedWorld(
  server: ServerRecord,
  check: DataCheckItem | undefined,
  dataGuards: readonly DataGuard[],
  allowDataDivergence: boolean,
): void {
  const healthy = server.healthyFingerprint;
  const current = check?.fingerprint ?? null;
  const refuses = divergenceGuardRefuses({
    dataGuards,
    healthy,
    current,
    dataExists: check?.dataExists ?? null,
    allowDataDivergence,
  });
  if (refuses && healthy && current) throw new DataDivergedError(server.name, healthy, current);
}

/**
 * The fingerprint to keep as the last healthy one after a check taken at a healthy moment (the
 * server runs, or has just stopped cleanly), or undefined. A world that diverged from the healthy
 * one never replaces it silently: only a request with allowDataDivergence or a rollback does.
 */
export function healthyFingerprintFrom(
  server: Pick<ServerRecord, 'healthyFingerprint'>,
  check: Pick<DataCheckItem, 'dataExists' | 'fingerprint'>,
): Fingerprint | undefined {
  const current = check.fingerprint;
  if (!check.dataExists || !current) return undefined;
  const healthy = server.healthyFingerprint;
  if (healthy && fingerprintDiverged(healthy, current)) return undefined;
  return current;
}
