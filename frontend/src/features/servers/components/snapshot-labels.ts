import type { Fingerprint, Snapshot, SnapshotReason } from '@contract/http/snapshots';
import { formatBytes, formatFileCount } from '@/lib/format-bytes';
import { formatDateTime, timeAgo } from '@/lib/format-time';

export const snapshotReasonLabel: Record<SnapshotReason, string> = {
  manual: 'Manual',
  'before-rebuild': 'Before rebuild',
  'before-image-change': 'Before image change',
  'before-rollback': 'Before rollback',
  'before-purge': 'Before purge',
};

/** "27/11/2026, 20:00:00 (3 h ago)" — when a snapshot was taken, as dialogs say it. */
export function snapshotWhen(snapshot: Pick<Snapshot, 'createdAt'>): string {
  return `${formatDateTime(snapshot.createdAt)} (${timeAgo(snapshot.createdAt)})`;
}

/** "1,204 files, 1.2 GB archive" or what is not known yet. */
export function snapshotSize(snapshot: Pick<Snapshot, 'sizeBytes' | 'fileCount'>): string {
  const parts = [
    snapshot.fileCount !== null ? formatFileCount(snapshot.fileCount) : null,
    snapshot.sizeBytes !== null ? `${formatBytes(snapshot.sizeBytes)} archive` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'size not known yet';
}

/** "1,204 files, 3.4 GB, Saves/ has files" — one fingerprint in a sentence. */
export function fingerprintSummary(f: Fingerprint): string {
  return `${formatFileCount(f.fileCount)}, ${formatBytes(f.totalBytes)}, Saves/ ${
    f.hasSaves ? 'has files' : 'empty or missing'
  }`;
}
