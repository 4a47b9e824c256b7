import { nowIso } from '../db/connection';
import { checkDataLive } from './agent-calls';
import { agentReady, type ManagerContext } from './context';
import { effectiveDataPath } from './effective-config';

export interface DataWatchOptions {
  /** How often each host is looked at. */
  tickMs: number;
  /** A running server's world is checked again once its last check is this old. */
  maxAgeMs: number;
  /** Most servers of one host checked per look: each is a walk of a whole world on its disk. */
  perHost: number;
}

export const defaultDataWatch: DataWatchOptions = {
  tickMs: 60_000,
  maxAgeMs: 5 * 60_000,
  perHost: 100,
};

/**
 * A slow, periodic data check of running servers, so that the last healthy fingerprint follows a
 * world as it grows (docs/decisions/0100-periodic-data-check.md). Events, syncs and actions check
 * the servers they touch; a server nobody touches would otherwise keep the fingerprint of its
 * first minute — taken before the game wrote its saves — and the fingerprint guard would measure
 * a lost world against that.
 *
 * Each tick takes, per ready host, the running servers checked longest ago (never, first), at
 * most `perHost` of them, skipping those with an operation queued or running (the operation
 * checks its own world); one an operation ran on while the check was out is not recorded. A host whose previous slice is still out is skipped. A failed check is
 * logged and tried again at the next tick: nothing is recorded for it.
 */
export class DataWatch {
  private timer: NodeJS.Timeout | undefined;
  private readonly checking = new Set<string>();

  constructor(
    private readonly ctx: ManagerContext,
    private readonly options: DataWatchOptions = defaultDataWatch,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.options.tickMs);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One look at every ready host (exposed for the tests' and the bench's deterministic runs). */
  tick(): Promise<void>[] {
    if (this.ctx.lifecycle.closed) return [];
    let agents;
    try {
      agents = this.ctx.agents.list();
    } catch (err) {
      this.warn(undefined, err);
      return [];
    }
    return agents
      .filter((a) => !this.checking.has(a.id) && agentReady(this.ctx, a.id))
      .map((a) => this.checkHost(a.id));
  }

  private async checkHost(agentId: string): Promise<void> {
    this.checking.add(agentId);
    try {
      const agent = this.ctx.agents.findById(agentId);
      if (!agent) return;
      const startedAt = nowIso();
      const before = new Date(this.ctx.now() - this.options.maxAgeMs).toISOString();
      // Asked for more than the slice: servers with an operation, or without a folder to check
      // (never recorded, so always due), are left out after the read.
      const due = this.ctx.servers
        .listDueForDataCheck(agentId, before, this.options.perHost * 2)
        .filter((s) => effectiveDataPath(s, agent) && !this.ctx.operations.findActive(s.id))
        .slice(0, this.options.perHost);
      if (due.length > 0) await checkDataLive(this.ctx, agent, due, { unlessBusySince: startedAt });
    } catch (err) {
      this.warn(agentId, err);
    } finally {
      this.checking.delete(agentId);
    }
  }

  private warn(agentId: string | undefined, err: unknown): void {
    this.ctx.logger.warn(
      { agentId, err: err instanceof Error ? err.message : err },
      'periodic data check failed',
    );
  }
}
