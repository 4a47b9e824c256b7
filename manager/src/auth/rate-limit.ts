/** One counter a guarded attempt is charged to; it allows `limit × factor` attempts per window. */
export interface LimitKey {
  key: string;
  factor?: number;
}

/** A reserved attempt (counted already), or the refusal with the seconds to wait. */
export type Reservation =
  | {
      ok: true;
      /** Give the attempt back: it succeeded, and only failures count. */ release(): void;
    }
  | { ok: false; retryAfterSeconds: number };

/**
 * Fixed-window counter of attempts per key (login: IP + email, and IP alone).
 * An attempt is reserved BEFORE the slow check it guards (argon2 takes ~50 ms): counting it only
 * afterwards let 200 concurrent guesses all pass the check before the first was counted.
 * In memory: a restart resets it, which is acceptable for a self-hosted panel.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Charge one attempt to every key, or to none when any key is used up. */
  reserve(keys: readonly LimitKey[]): Reservation {
    const now = this.now();
    let wait = 0;
    for (const { key, factor = 1 } of keys) {
      const w = this.current(key, now);
      if (w && w.count >= this.limit * factor)
        wait = Math.max(wait, Math.ceil((w.start + this.windowMs - now) / 1000));
    }
    if (wait > 0) return { ok: false, retryAfterSeconds: wait };
    const charged = keys.map(({ key }) => {
      const w = this.current(key, now) ?? this.open(key, now);
      w.count += 1;
      return w;
    });
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        // A window that has since expired was replaced; its successor never saw this attempt.
        for (const w of charged) if (w.count > 0) w.count -= 1;
      },
    };
  }

  private current(key: string, now: number): { start: number; count: number } | undefined {
    const w = this.windows.get(key);
    return w && now - w.start < this.windowMs ? w : undefined;
  }

  private open(key: string, now: number): { start: number; count: number } {
    const w = { start: now, count: 0 };
    this.windows.set(key, w);
    this.prune(now);
    return w;
  }

  private prune(now: number): void {
    if (this.windows.size < 10_000) return;
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
