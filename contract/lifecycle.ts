import type { Role } from './http/auth';
import type { ServerStatus } from './http/servers';
import { fingerprintDiverged, type Fingerprint, type SnapshotReason } from './http/snapshots';

/**
 * THE lifecycle table: for every server status × action, whether the action is allowed, how it
 * runs, what it needs, and the refusal otherwise. The manager's planner, the mocks' store and the
 * dashboard's buttons all read this table; none keeps a copy (docs/design.md §3.1 renders it).
 *
 * The manager looks the cell up twice: against the stored status before it claims the operation
 * slot, and (agent online) against the status it observes live in Docker (`observedStatus`), so a
 * stale `running` whose container is gone is planned as `missing`.
 *
 * A server whose container differs from its stored config (drift: other ports, image, mounts or
 * environment) has its own row (`running·drifted`, `stopped·drifted`): there, recreate replaces the
 * container with one matching the stored config. `lifecycleRow` picks the row.
 */
export const lifecycleActions = [
  'start',
  'stop',
  'restart',
  'rebuild',
  'recreate',
  'restore',
  'delete',
  'purge',
  'snapshot',
  'rollback',
] as const;
export type LifecycleAction = (typeof lifecycleActions)[number];

export const isLifecycleAction = (kind: string): kind is LifecycleAction =>
  (lifecycleActions as readonly string[]).includes(kind);

/** What the agent is asked to do for an accepted action. */
export type LifecycleRoute =
  /** The recreate routine: stored config → data check → fresh-start guard → create. */
  | 'recreate'
  | 'start'
  | 'stop'
  | 'restart'
  /** Replace an existing container from the stored config (data kept). */
  | 'replace'
  /** Remove the container (delete keeps data; purge may remove it). */
  | 'remove'
  /** Archive the server's folder on its agent. */
  | 'snapshot'
  /** Stop if running, snapshot the current world, restore the chosen snapshot, bring back the state. */
  | 'rollback';

/**
 * Data guards applied before the route runs (none: the action never creates a world):
 * - `fresh-start`: absent data is refused with DATA_MISSING unless `allowFreshStart` (live check;
 *   offline, only a cached *known* absence refuses and the check is repeated when the agent is back);
 * - `has-data`: the same refusal, without the override (there is nothing to work on);
 * - `fingerprint`: a world that diverged from its last healthy fingerprint is refused with
 *   DATA_DIVERGED unless `allowDataDivergence` (live only: offline the request is queued and the
 *   comparison made when the agent is back; auto-recreate never overrides).
 */
export type DataGuard = 'fresh-start' | 'has-data' | 'fingerprint';

export type RefusalCode = 'INVALID_STATE' | 'NO_CONTAINER';

/**
 * The image a route that makes a container uses: `pinned` brings back exactly the image that last
 * ran (local, else pulled by digest, else IMAGE_UNAVAILABLE); `tag` pulls the tag and re-pins.
 */
export type ImageChoice = 'pinned' | 'tag';

export type LifecycleCell =
  | {
      allowed: true;
      route: LifecycleRoute;
      /** Agent offline: wait for it (202 queued) or refuse (409 INVALID_STATE). */
      whenOffline: 'queue' | 'refuse';
      dataGuards: readonly DataGuard[];
      /** Least role that may ask. */
      role: Exclude<Role, 'viewer'>;
      /** The dashboard shows a button for it (false where another button does the same). */
      offer: boolean;
      /** Routes that make a container (recreate, replace): which image. */
      image?: ImageChoice;
    }
  | {
      allowed: false;
      code: RefusalCode;
      reason: string;
      /** The dashboard still shows the button, disabled with `reason`, so the user learns why. */
      offer: boolean;
    };

const ok = (
  route: LifecycleRoute,
  whenOffline: 'queue' | 'refuse',
  dataGuards: readonly DataGuard[],
  extra: { role?: 'operator' | 'admin'; offer?: boolean; image?: ImageChoice } = {},
): LifecycleCell => ({
  allowed: true,
  route,
  whenOffline,
  dataGuards,
  role: extra.role ?? 'operator',
  offer: extra.offer ?? true,
  ...(extra.image ? { image: extra.image } : {}),
});
const no = (code: RefusalCode, reason: string, offer = false): LifecycleCell => ({
  allowed: false,
  code,
  reason,
  offer,
});

const reasons = {
  deleted: 'The server is deleted — restore it first',
  noContainer: 'No container — recreate the server first',
} as const;

/** The recreate routine's guards: no fresh world without consent, no start over a shrunken one. */
const recreateGuards: readonly DataGuard[] = ['fresh-start', 'fingerprint'];
const none: readonly DataGuard[] = [];

/**
 * Snapshots and rollbacks work on the data, whatever the container does: both wait for an
 * offline agent. A snapshot needs a world to archive; a rollback is how a damaged or missing one
 * is repaired, so it has no data guard (it snapshots what is there first).
 */
const dataActions = {
  snapshot: ok('snapshot', 'queue', ['has-data'], { offer: false }),
  rollback: ok('rollback', 'queue', none, { offer: false }),
} as const;

/** Rows shared by statuses that have a container / have none. */
const withContainer = {
  restart: ok('restart', 'refuse', none),
  // Rebuild replaces the container; it still refuses to run over absent data without consent. It
  // snapshots the world first, so the fingerprint guard is left to the recreate routine.
  rebuild: ok('replace', 'refuse', ['fresh-start'], { image: 'tag' }),
  recreate: no(
    'INVALID_STATE',
    'A container exists and matches the stored config; use Rebuild to replace it',
  ),
  restore: no('INVALID_STATE', 'Only a deleted server can be restored'),
  delete: ok('remove', 'refuse', none),
  purge: ok('remove', 'refuse', none, { role: 'admin' }),
  ...dataActions,
} as const;

const withoutContainer: Record<LifecycleAction, LifecycleCell> = {
  // Start on a missing server is the recreate routine; the Recreate button says so.
  start: ok('recreate', 'queue', recreateGuards, { offer: false, image: 'pinned' }),
  stop: no('NO_CONTAINER', reasons.noContainer, true),
  restart: no('NO_CONTAINER', reasons.noContainer, true),
  // Without a container, rebuild is the recreate routine, so it waits for an offline agent too.
  rebuild: ok('recreate', 'queue', recreateGuards, { image: 'tag' }),
  recreate: ok('recreate', 'queue', recreateGuards, { image: 'pinned' }),
  restore: no('INVALID_STATE', 'Only a deleted server can be restored'),
  delete: ok('remove', 'refuse', none),
  purge: ok('remove', 'refuse', none, { role: 'admin' }),
  ...dataActions,
};

const running = {
  start: no('INVALID_STATE', 'The server is already running'),
  stop: ok('stop', 'refuse', none),
  ...withContainer,
} as const;
const stopped = {
  start: ok('start', 'queue', none),
  stop: no('INVALID_STATE', 'The server is already stopped'),
  ...withContainer,
} as const;
/**
 * Recreate of a drifted container: replaced by one built from the stored config with the pinned
 * image (rebuild is the action that pulls the tag); the data is kept, and like any replace it
 * needs the host now and refuses to run over absent data without consent.
 */
const recreateDrifted = ok('replace', 'refuse', recreateGuards, { image: 'pinned' });

/** The rows of the table: every status, and the two statuses with a drifted container. */
export const lifecycleRows = [
  'running',
  'running·drifted',
  'stopped',
  'stopped·drifted',
  'missing',
  'failed',
  'creating',
  'deleted',
] as const satisfies readonly (ServerStatus | `${ServerStatus}·drifted`)[];
export type LifecycleRow = (typeof lifecycleRows)[number];

/** The row for a server: drift counts only where there is a container to differ. */
export function lifecycleRow(status: ServerStatus, drifted = false): LifecycleRow {
  if (drifted && status === 'running') return 'running·drifted';
  if (drifted && status === 'stopped') return 'stopped·drifted';
  return status;
}

export const lifecycleTable: Record<LifecycleRow, Record<LifecycleAction, LifecycleCell>> = {
  running,
  'running·drifted': { ...running, recreate: recreateDrifted },
  stopped,
  'stopped·drifted': { ...stopped, recreate: recreateDrifted },
  missing: withoutContainer,
  failed: withoutContainer,
  // A `creating` server that reaches an action has no create running any more (the create holds
  // the operation slot while it runs): its first create was cut short, so it is treated as failed.
  creating: withoutContainer,
  deleted: {
    start: no('INVALID_STATE', reasons.deleted),
    stop: no('INVALID_STATE', reasons.deleted),
    restart: no('INVALID_STATE', reasons.deleted),
    rebuild: no('INVALID_STATE', reasons.deleted),
    recreate: no('INVALID_STATE', reasons.deleted),
    restore: ok('recreate', 'queue', recreateGuards, { image: 'pinned' }),
    delete: no('INVALID_STATE', 'The server is already deleted'),
    purge: ok('remove', 'refuse', none, { role: 'admin' }),
    // A deleted server's world is kept until it is purged: it may still be archived.
    snapshot: dataActions.snapshot,
    rollback: no('INVALID_STATE', reasons.deleted),
  },
};

export const agentOfflineReason = 'Agent offline: this action needs the agent to be connected';

export type LifecycleDecision =
  | {
      allowed: true;
      route: LifecycleRoute;
      queued: boolean;
      dataGuards: readonly DataGuard[];
      image?: ImageChoice;
    }
  | { allowed: false; code: RefusalCode; reason: string };

/** The cell for a server in `status` (with a drifted container or not) × `action`. */
export function lifecycleCell(
  status: ServerStatus,
  action: LifecycleAction,
  drifted = false,
): LifecycleCell {
  return lifecycleTable[lifecycleRow(status, drifted)][action];
}

/** The cell for `status` (drifted or not) × `action`, with the agent's connection applied. */
export function decideAction(
  status: ServerStatus,
  action: LifecycleAction,
  agentOnline: boolean,
  drifted = false,
): LifecycleDecision {
  const cell = lifecycleCell(status, action, drifted);
  if (!cell.allowed) return { allowed: false, code: cell.code, reason: cell.reason };
  if (!agentOnline && cell.whenOffline === 'refuse')
    return { allowed: false, code: 'INVALID_STATE', reason: agentOfflineReason };
  return {
    allowed: true,
    route: cell.route,
    queued: !agentOnline,
    dataGuards: cell.dataGuards,
    ...(cell.image ? { image: cell.image } : {}),
  };
}

/**
 * The status Docker shows: a container decides running/stopped; without one a server is missing,
 * or failed when its first create never produced one. Deleted stays deleted (never resurrected).
 */
export function observedStatus(
  stored: ServerStatus,
  container: { running: boolean } | undefined,
): ServerStatus {
  if (stored === 'deleted') return 'deleted';
  if (container) return container.running ? 'running' : 'stopped';
  return stored === 'creating' || stored === 'failed' ? 'failed' : 'missing';
}

/**
 * The absent-data guards (`fresh-start`, `has-data`) → DATA_MISSING. `live`: the agent just
 * looked, so anything but "data present" refuses. Cached (agent offline): only a known absence
 * refuses; an unknown state is queued and the check is repeated live when the agent reconnects.
 */
export function dataGuardRefuses(input: {
  dataGuards: readonly DataGuard[];
  dataExists: boolean | null;
  allowFreshStart: boolean;
  live: boolean;
}): boolean {
  const guarded =
    input.dataGuards.includes('has-data') ||
    (input.dataGuards.includes('fresh-start') && !input.allowFreshStart);
  if (!guarded) return false;
  return input.live ? input.dataExists !== true : input.dataExists === false;
}

/**
 * The fingerprint guard → DATA_DIVERGED, decided on a LIVE check only. It watches a world that is
 * there: absent data is the fresh-start guard's question (and a consented fresh start is not a
 * divergence). Nothing to compare with (no healthy fingerprint yet) never refuses.
 */
export function divergenceGuardRefuses(input: {
  dataGuards: readonly DataGuard[];
  healthy: Fingerprint | null;
  current: Fingerprint | null;
  dataExists: boolean | null;
  allowDataDivergence: boolean;
}): boolean {
  if (!input.dataGuards.includes('fingerprint') || input.allowDataDivergence) return false;
  if (input.dataExists !== true || !input.healthy || !input.current) return false;
  return fingerprintDiverged(input.healthy, input.current);
}

/**
 * The automatic snapshot an accepted action takes before its step runs, or null (docs/design.md
 * §3.7). A new image or tag takes effect at the next container create or replace, so that
 * operation snapshots first; a rebuild always does. Callers skip it when the live check found no
 * world to protect (absent data: nothing to lose, and nothing to archive).
 */
export function automaticSnapshotReason(input: {
  action: LifecycleAction;
  route: LifecycleRoute;
  imageChangePending: boolean;
  removeData: boolean;
}): SnapshotReason | null {
  if (input.route === 'rollback') return 'before-rollback';
  if (input.action === 'purge') return input.removeData ? 'before-purge' : null;
  const makesContainer = input.route === 'recreate' || input.route === 'replace';
  if (makesContainer && input.imageChangePending) return 'before-image-change';
  if (input.action === 'rebuild') return 'before-rebuild';
  return null;
}
