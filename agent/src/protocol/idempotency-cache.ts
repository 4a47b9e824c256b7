/**
 * Remembers create/replace work by idempotency key (= operation id). A request repeated after a
 * reconnect joins the running work or gets the finished result, instead of, say, replacing the
 * container a second time. Failures are forgotten so a retry really retries.
 */
export class IdempotencyCache<T> {
  private readonly entries = new Map<string, { promise: Promise<T>; at: number }>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly maxEntries = 500,
  ) {}

  /** The running or finished work for `key`, or starts `work` and remembers it. */
  run(key: string, work: () => Promise<T>): Promise<T> {
    this.prune();
    const hit = this.entries.get(key);
    if (hit) return hit.promise;
    const promise = work();
    this.entries.set(key, { promise, at: Date.now() });
    promise.catch(() => this.entries.delete(key));
    return promise;
  }

  private prune(): void {
    const cutoff = Date.now() - this.ttlMs;
    for (const [key, entry] of this.entries) {
      if (entry.at < cutoff || this.entries.size > this.maxEntries) this.entries.delete(key);
    }
  }
}
