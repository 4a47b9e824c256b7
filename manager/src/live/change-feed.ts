/**
 * Collects which servers and operations changed and publishes each once per tick: the
 * repositories report every write here, so no domain routine publishes by hand, and a burst
 * (a reconcile, an operation's progress) goes out as one event per entity.
 */
export class ChangeFeed {
  private readonly servers = new Set<string>();
  private readonly operations = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly publish: (changes: { operationIds: string[]; serverIds: string[] }) => void,
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

  /** Publish what is pending now (also run by the scheduled microtask). */
  flush(): void {
    this.scheduled = false;
    if (this.servers.size === 0 && this.operations.size === 0) return;
    const changes = { operationIds: [...this.operations], serverIds: [...this.servers] };
    this.operations.clear();
    this.servers.clear();
    this.publish(changes);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }
}
