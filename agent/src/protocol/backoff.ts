/**
 * Exponential backoff with "equal jitter": half the capped exponential delay is fixed, half is
 * random, so a fleet of agents reconnecting after a manager restart does not arrive in lockstep.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly baseMs = 500,
    private readonly capMs = 10_000,
  ) {}

  /** Delay before the next attempt; grows with every call until `reset`. */
  next(): number {
    const exponential = Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.attempt, 20));
    this.attempt += 1;
    return Math.round(exponential / 2 + Math.random() * (exponential / 2));
  }

  /** Back to the base delay (after a successful connection). */
  reset(): void {
    this.attempt = 0;
  }
}
