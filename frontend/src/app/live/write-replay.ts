/**
 * Remembers the cache writes made while a fetch (or a mutation) is in flight, so that when its
 * response lands the writes can be applied again on top of it. Without this, a list computed
 * by the manager before an event but received after it would silently undo the event — and
 * with polling off nothing would correct it. Replaying in arrival order is safe: a write older
 * than the response is always followed by the newer write of the change that came after it.
 */
export class WriteReplay<W> {
  private log: Array<{ seq: number; write: W }> = [];
  private seq = 0;
  /** seq at which each tracked fetch started; writes after it are replayed when it lands. */
  private readonly started = new Map<string, number>();
  /** Writes up to this seq were dropped from a full log: their fetches must refetch instead. */
  private droppedUpTo = -1;

  constructor(private readonly maxEntries = 5_000) {}

  /** A fetch or mutation started. */
  begin(key: string): void {
    if (!this.started.has(key)) this.started.set(key, this.seq);
  }

  isTracking(key: string): boolean {
    return this.started.has(key);
  }

  /** Records a write made now; kept only while some tracked fetch is in flight. */
  record(write: W): void {
    this.seq++;
    if (this.started.size === 0) return;
    this.log.push({ seq: this.seq, write });
    if (this.log.length > this.maxEntries) this.droppedUpTo = this.log.shift()!.seq;
  }

  /**
   * The fetch ended: the writes made since it began, or `'refetch'` when some were dropped
   * (the log overflowed while it hung) and only a new fetch can be trusted.
   */
  end(key: string): W[] | 'refetch' {
    const since = this.started.get(key);
    if (since === undefined) return [];
    this.started.delete(key);
    const missed = this.log.filter((e) => e.seq > since).map((e) => e.write);
    const overflowed = since < this.droppedUpTo;
    this.trim();
    return overflowed ? 'refetch' : missed;
  }

  private trim(): void {
    if (this.started.size === 0) {
      this.log = [];
      return;
    }
    const oldest = Math.min(...this.started.values());
    this.log = this.log.filter((e) => e.seq > oldest);
  }
}
