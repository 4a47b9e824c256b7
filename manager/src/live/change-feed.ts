import type { Snapshot } from '@contract/http/snapshots';

/** What changed since the last publish. */
export interface Changes {
  operationIds: string[];
  serverIds: string[];
  snapshotIds: string[];
  /** Snapshots deleted (their last state: the row is gone). */
  deletedSnapshots: Snapshot[];
}

/**
 * Collects which servers, operations and snapshots changed and publishes each once per tick: the
 * repositories report every write here, so no domain routine publishes by hand, and a burst
 * (a reconcile, an operation's progress) goes out as one event per entity.
 */
export class ChangeFeed {
  private readonly servers = new Set<string>();
  private readonly operations = new Set<string>();
  private readonly snapshots = new Set<string>();
  private readonly deleted = new Map<string, Snapshot>();
  private scheduled = false;

  constructor(
    private readonly publish: (changes: Changes) => void,
    private readonly sliceSize = 250,
  ) {}

  /** A server row was written. */
  serverChanged(serverId: string): void {
    this.servers.add(serverId);
    this.schedule();
  }

  /** An operation row was written (its server's `activeOperation` changes with it). */
  operationChanged(operationId: string, serverId: string): void {
    this.operations.add(operationId);
    this.servers.add(serverId);
    this.schedule();
  }

  /** A snapshot row was written. */
  snapshotChanged(snapshotId: string): void {
    this.snapshots.add(snapshotId);
    this.schedule();
  }

  /** A snapshot row was deleted. */
  snapshotDeleted(snapshot: Snapshot): void {
    this.snapshots.delete(snapshot.id);
    this.deleted.set(snapshot.id, snapshot);
    this.schedule();
  }

  /**
   * Publish what is pending (run by the scheduled microtask). A big burst (a reconcile of a large
   * fleet) goes out in slices, one per event-loop turn, so requests are served in between.
   * `all`: publish everything now (shutdown).
   */
  flush(all = false): void {
    this.scheduled = false;
    if (
      this.servers.size === 0 &&
      this.operations.size === 0 &&
      this.snapshots.size === 0 &&
      this.deleted.size === 0
    )
      return;
    const operationIds = [...this.operations];
    this.operations.clear();
    const snapshotIds = [...this.snapshots];
    this.snapshots.clear();
    const deletedSnapshots = [...this.deleted.values()];
    this.deleted.clear();
    const serverIds: string[] = [];
    for (const id of this.servers) {
      if (!all && serverIds.length === this.sliceSize) break;
      serverIds.push(id);
    }
    for (const id of serverIds) this.servers.delete(id);
    this.publish({ operationIds, serverIds, snapshotIds, deletedSnapshots });
    if (this.servers.size > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }
}
