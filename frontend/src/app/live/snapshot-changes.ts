import type { Snapshot } from '@contract/http/snapshots';

/** One snapshot as an event carried it: recorded or changed, or deleted. */
export type SnapshotChange = { snapshot: Snapshot; deleted: boolean };

/**
 * A server's cached snapshot list after `changes` (in arrival order): changed ones replaced,
 * deleted ones dropped, new ones inserted newest first (the manager's order). Returns `list`
 * itself when nothing changed, so an untouched query is not written.
 */
export function patchSnapshotList(list: Snapshot[], changes: SnapshotChange[]): Snapshot[] {
  let next = list;
  for (const { snapshot, deleted } of changes) {
    const at = next.findIndex((s) => s.id === snapshot.id);
    if (deleted) {
      if (at !== -1) next = next.filter((s) => s.id !== snapshot.id);
      continue;
    }
    if (at !== -1) {
      if (next[at] === snapshot) continue;
      next = next.with(at, snapshot);
      continue;
    }
    const before = next.findIndex((s) => s.createdAt < snapshot.createdAt);
    next = next.toSpliced(before === -1 ? next.length : before, 0, snapshot);
  }
  return next;
}
