import type { Logger } from 'pino';
import type { DockerHealth } from '@contract/agent-protocol';
import type { ContainerRuntime } from '../runtime/container-runtime';

/**
 * Polls the engine and reports when it goes away or comes back (one log line and one
 * `onChange` per transition). `checkSoon` is the hint from a broken event stream.
 */
export class DockerHealthMonitor {
  private current: DockerHealth = { available: false, reason: 'not checked yet' };
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private checking: Promise<DockerHealth> | undefined;
  private checkedOnce = false;

  constructor(
    private readonly runtime: ContainerRuntime,
    private readonly logger: Logger,
    private readonly onChange: (health: DockerHealth) => void,
    private readonly intervalMs = 5_000,
  ) {}

  /** The last observed health. */
  get health(): DockerHealth {
    return this.current;
  }

  /** First check, then periodic ones. */
  async start(): Promise<DockerHealth> {
    const health = await this.check();
    this.schedule(this.intervalMs);
    return health;
  }

  /** Checks now (coalescing concurrent calls) and reports a change. */
  check(): Promise<DockerHealth> {
    this.checking ??= this.runtime.health().then((health) => {
      this.checking = undefined;
      const changed = health.available !== this.current.available;
      const firstCheck = !this.checkedOnce;
      this.checkedOnce = true;
      this.current = health;
      if (changed || firstCheck) {
        if (health.available)
          this.logger.info({ dockerVersion: health.version }, 'docker engine available');
        else this.logger.warn({ reason: health.reason }, 'docker engine unavailable');
        if (changed) this.onChange(health);
      }
      return health;
    });
    return this.checking;
  }

  /** Re-check soon and keep checking quickly while the engine is down. */
  checkSoon(): void {
    this.schedule(250);
  }

  /** Stops polling. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.check().then((health) => this.schedule(health.available ? this.intervalMs : 1_000));
    }, delay);
    this.timer.unref();
  }
}
