/**
 * Fixed-window counter of failed attempts per key (login: IP + email, and IP alone).
 * In memory: a restart resets it, which is acceptable for a self-hosted panel.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds to wait when the key already used `limit × factor` attempts in this window, else 0. */
  retryAfter(key: string, factor = 1, now = Date.now()): number {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) return 0;
    return w.count >= this.limit * factor ? Math.ceil((w.start + this.windowMs - now) / 1000) : 0;
  }

  /** Count one (failed) attempt. */
  hit(key: string, now = Date.now()): void {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      this.prune(now);
    } else {
      w.count += 1;
    }
  }

  private prune(now: number): void {
    if (this.windows.size < 10_000) return;
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
