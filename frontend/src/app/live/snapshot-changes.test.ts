import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@contract/http/snapshots';
import { patchSnapshotList } from './snapshot-changes';

const snap = (n: number, overrides: Partial<Snapshot> = {}): Snapshot => ({
  id: `5f0c1a52-3d1e-4c55-9a43-0d3c1f0a000${n}`,
  serverId: 'srv-1',
  reason: 'manual',
  status: 'ready',
  verified: true,
  sizeBytes: 100,
  fileCount: 3,
  createdAt: `2026-11-2${n}T10:00:00.000Z`,
  requestedBy: 'admin@example.com',
  operationId: null,
  ...overrides,
});

describe('patchSnapshotList', () => {
  const list = [snap(5), snap(3)];

  it('inserts a new snapshot in newest-first order', () => {
    expect(
      patchSnapshotList(list, [{ snapshot: snap(4), deleted: false }]).map((s) => s.id),
    ).toEqual([snap(5).id, snap(4).id, snap(3).id]);
    expect(patchSnapshotList(list, [{ snapshot: snap(7), deleted: false }])[0]).toEqual(snap(7));
  });

  it('replaces a changed one in place and drops a deleted one, in arrival order', () => {
    const creating = snap(6, { status: 'creating', sizeBytes: null, fileCount: null });
    const next = patchSnapshotList(list, [
      { snapshot: creating, deleted: false },
      { snapshot: { ...creating, status: 'ready', sizeBytes: 9 }, deleted: false },
      { snapshot: snap(3), deleted: true },
    ]);
    expect(next.map((s) => [s.id, s.status])).toEqual([
      [snap(6).id, 'ready'],
      [snap(5).id, 'ready'],
    ]);
  });

  it('returns the same list when nothing changed (no cache write)', () => {
    expect(patchSnapshotList(list, [{ snapshot: snap(1), deleted: true }])).toBe(list);
    expect(patchSnapshotList(list, [])).toBe(list);
  });
});
