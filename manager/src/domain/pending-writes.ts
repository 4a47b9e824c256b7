import type pino from 'pino';
import { StorageUnavailableError } from './errors';

/**
 * Writes that must land eventually (an operation's end, an agent's status) while the database
 * refuses writes: another process holds its lock, the disk is full or failing. Each is kept under
 * a key (a newer write for the same key replaces the older: it carries the newer truth) and
 * retried every `retryMs` (backing off to 30 s while outages keep coming back) until the database
 * takes it. When the backlog has drained, the recovery listener runs once (reconcile: converge
 * whatever was not replayed).
 * In memory: a restart has its own recovery (interrupted operations, agents offline).
 */
export class PendingWrites {
  private readonly pending = new Map<string, () => void>();
  private timer: NodeJS.Timeout | undefined;
  private recoveryListener: () => void = () => undefined;
  private closed = false;
  private delayMs: number;
  private recoveredAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly logger: pino.Logger,
    /** A write that fails while the database refuses writes (taking the write lock will do). */
    private readonly probe: () => void,
    private readonly retryMs = 1000,
  ) {
    this.delayMs = retryMs;
  }

  /** Set what runs once storage takes writes again after an outage. */
  onRecovered(listener: () => void): void {
    this.recoveryListener = listener;
  }

  /** Run `write` now; if storage is unavailable, keep it for later. Other errors are thrown. */
  run(key: string, write: () => void): void {
    try {
      write();
    } catch (err) {
      if (!(err instanceof StorageUnavailableError)) throw err;
      this.keep(key, write, err);
    }
  }

  /** A write failed that nobody will replay (a reconcile, a heartbeat): recover once storage is back. */
  noteOutage(err: StorageUnavailableError): void {
    if (!this.pending.has(probeKey)) this.keep(probeKey, this.probe, err);
  }

  /** Writes waiting for storage to come back. */
  get size(): number {
    return this.pending.size;
  }

  /** Stop retrying (shutdown); what is still pending is dropped, restart recovery covers it. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.pending.clear();
  }

  private keep(key: string, write: () => void, err: StorageUnavailableError): void {
    if (this.closed) return;
    if (this.pending.size === 0) {
      // An outage right after a recovery (a full disk still takes some writes, and the probe
      // passes): back off, so a long outage does not mean a reconcile of every agent each second.
      const flapping = Date.now() - this.recoveredAt < maxDelayMs;
      this.delayMs = flapping ? Math.min(this.delayMs * 2, maxDelayMs) : this.retryMs;
      this.logger.warn(
        { code: err.sqliteCode, key, retryInMs: this.delayMs },
        'storage unavailable; keeping writes to retry',
      );
    }
    this.pending.delete(key); // re-insert: a replaced write moves to the end, after older ones
    this.pending.set(key, write);
    this.arm();
  }

  private arm(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => this.retry(), this.delayMs);
    this.timer.unref();
  }

  private retry(): void {
    this.timer = undefined;
    if (this.closed) return;
    for (const [key, write] of [...this.pending]) {
      try {
        write();
      } catch (err) {
        if (err instanceof StorageUnavailableError) break; // still down: keep order, try later
        this.logger.error({ err, key }, 'a kept write failed for another reason; dropped');
      }
      if (this.pending.get(key) === write) this.pending.delete(key);
    }
    if (this.pending.size > 0) return this.arm();
    this.recoveredAt = Date.now();
    this.logger.info('the database takes writes again; kept writes are recorded');
    try {
      this.recoveryListener();
    } catch (err) {
      this.logger.error({ err }, 'recovery after a storage outage failed');
    }
  }
}

const probeKey = 'storage-probe';
const maxDelayMs = 30_000;
