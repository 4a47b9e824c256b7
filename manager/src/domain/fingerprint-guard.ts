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
  options: { growOnly?: boolean } = {},
): Fingerprint | undefined {
  const current = check.fingerprint;
  if (!check.dataExists || !current) return undefined;
  const healthy = server.healthyFingerprint;
  if (healthy && fingerprintDiverged(healthy, current)) return undefined;
  if (healthy && options.growOnly && !grew(healthy, current)) return undefined;
  return current;
}

/**
 * A world that gained its saves, or is no smaller in files and bytes. The periodic check keeps a
 * fingerprint only then: taken every few minutes with nobody asking, it must not let the healthy
 * one follow a world that loses a little at a time (each step under the divergence rule's half).
 */
function grew(healthy: Fingerprint, current: Fingerprint): boolean {
  if (current.hasSaves && !healthy.hasSaves) return true;
  return (
    current.hasSaves === healthy.hasSaves &&
    current.fileCount >= healthy.fileCount &&
    current.totalBytes >= healthy.totalBytes
  );
}
