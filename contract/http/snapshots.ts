import { z } from 'zod';
import { Timestamp } from '../common';

/**
 * What a data check measures of `{dataPath}/{name}/data`, so a world that shrank or lost its
 * saves can be told from a healthy one without reading any file: regular files only, symlinks
 * not followed.
 */
export const Fingerprint = z.object({
  /** Regular files under `data/`, at any depth. */
  fileCount: z.number().int().nonnegative(),
  /** Sum of their sizes in bytes. */
  totalBytes: z.number().int().nonnegative(),
  /** `data/Saves/` holds at least one regular file, at any depth. */
  hasSaves: z.boolean(),
  takenAt: Timestamp,
});
export type Fingerprint = z.infer<typeof Fingerprint>;

/** Snapshot ids are UUIDs chosen by the manager; the agent names the archive file after them. */
export const SnapshotId = z.uuid();
export type SnapshotId = z.infer<typeof SnapshotId>;
