import { z } from '../zod';
import { EntityId, Timestamp } from '../common';

/**
 * What a data check measures of `{dataPath}/{name}/data`, so a world that shrank or lost its
 * saves can be told from a healthy one without reading any file: regular files only, symlinks
 * not followed.
 */
export const Fingerprint = z.object({
  /** Regular files under `data/`, at any depth. */
  fileCount: z.number().check(z.int(), z.nonnegative()),
  /** Sum of their sizes in bytes. */
  totalBytes: z.number().check(z.int(), z.nonnegative()),
  /** `data/Saves/` holds at least one regular file, at any depth. */
  hasSaves: z.boolean(),
  takenAt: Timestamp,
});
export type Fingerprint = z.infer<typeof Fingerprint>;

/** Snapshot ids are UUIDs chosen by the manager; the agent names the archive file after them. */
export const SnapshotId = z.uuid();
export type SnapshotId = z.infer<typeof SnapshotId>;

/** Why a snapshot was taken: on request, or automatically before a step that could lose the world. */
export const SnapshotReason = z.enum([
  'manual',
  'before-rebuild',
  'before-image-change',
  'before-rollback',
  'before-purge',
]);
export type SnapshotReason = z.infer<typeof SnapshotReason>;

export const SnapshotStatus = z.enum(['creating', 'ready', 'failed']);
export type SnapshotStatus = z.infer<typeof SnapshotStatus>;

/** A snapshot of a server's folder (bin/ excluded), archived on its agent's host. */
export const Snapshot = z.object({
  id: SnapshotId,
  serverId: EntityId,
  reason: SnapshotReason,
  status: SnapshotStatus,
  /** The archive was read back complete: same entries and bytes as were written. */
  verified: z.boolean(),
  /** The archive's size on disk; null until it is ready. */
  sizeBytes: z.nullable(z.number().check(z.int(), z.nonnegative())),
  /** Regular files in the archive; null until it is ready. */
  fileCount: z.nullable(z.number().check(z.int(), z.nonnegative())),
  createdAt: Timestamp,
  /** Email of the user whose request took it, or `system`. */
  requestedBy: z.string(),
  /** The operation that took it (a `snapshot`, or the rebuild/rollback/purge it guards). */
  operationId: z.nullable(EntityId),
  /** Why it failed, when it did. */
  error: z.optional(z.object({ code: z.string(), message: z.string() })),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** GET /api/servers/:serverId/snapshots — newest first. */
export const ListSnapshotsResponse = z.object({ snapshots: z.array(Snapshot) });
export type ListSnapshotsResponse = z.infer<typeof ListSnapshotsResponse>;

/** POST …/servers/:serverId/snapshot — no options. */
export const SnapshotRequest = z.strictObject({});
export type SnapshotRequest = z.infer<typeof SnapshotRequest>;

/** POST …/servers/:serverId/rollback */
export const RollbackRequest = z.strictObject({ snapshotId: SnapshotId });
export type RollbackRequest = z.infer<typeof RollbackRequest>;

/** Most snapshots a server's retention may keep; at least the newest automatic one is kept. */
export const snapshotRetentionMax = 100;
export const SnapshotRetention = z.number().check(z.int(), z.gte(1), z.lte(snapshotRetentionMax));
export const defaultSnapshotRetention = 5;

/**
 * THE divergence rule (docs/design.md, fingerprint guard): the world on disk no longer looks like
 * the last healthy one when `Saves/` lost every file, or the file count or the total size fell
 * below half. Growth never diverges.
 */
export function fingerprintDiverged(healthy: Fingerprint, current: Fingerprint): boolean {
  if (healthy.hasSaves && !current.hasSaves) return true;
  return current.fileCount * 2 < healthy.fileCount || current.totalBytes * 2 < healthy.totalBytes;
}
