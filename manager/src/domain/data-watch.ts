import type { AgentRecord } from '../db/agents-repo';
import { nowIso } from '../db/connection';
import { checkDataLive } from './agent-calls';
import { agentReady, type ManagerContext } from './context';

export interface DataWatchOptions {
  /** How often each host is looked at. */
  tickMs: number;
  /** A running server's world is checked again once its last check is this old. */
  maxAgeMs: number;
  /** Most servers of one host checked per look: each is a walk of a whole world on its disk. */
  perHost: number;
  /** Servers per `data.check` request: a request that fails or times out loses only these. */
  perRequest: number;
  /** Looks of its host a server sits out after its request failed, so the rest move on. */
  restLooks: number;
}

export const defaultDataWatch: DataWatchOptions = {
  tickMs: 60_000,
  maxAgeMs: 5 * 60_000,
  perHost: 100,
  perRequest: 10,
  restLooks: 10,
};

/**
 * A slow, periodic data check of running servers, so that the last healthy fingerprint follows a
 * world as it grows (docs/decisions/0100-periodic-data-check.md). Events, syncs and actions check
 * the servers they touch; a server nobody touches would otherwise keep the fingerprint of its
 * first minute — taken before the game wrote its saves — and the fingerprint guard would measure
 * a lost world against that.
 *
 * Each tick takes, per ready host, the running servers checked longest ago (never, first), at
 * most `perHost`, without those that have an operation queued or running (the operation checks
 * its own world). They are asked `perRequest` at a time, one request after the other, and each
 * answer is stored as it comes: a fingerprint only if the world grew (a world losing a little at
 * each look must not take the healthy one down with it), nothing for a server an operation ran
 * on meanwhile. A request that fails ends the host's look and its servers sit out `restLooks`
 * looks, so one unreadable folder cannot hold up the host. A host whose look is still going on
 * is skipped.
 */
export class DataWatch {
  private timer: NodeJS.Timeout | undefined;
  private readonly checking = new Set<string>();
  /** Looks so far, per host. */
  private readonly looks = new Map<string, number>();
  /** Per host: servers whose request failed, with the look they may be asked again at. */
  private readonly resting = new Map<string, Map<string, number>>();

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

  /** One look at every ready host. */
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
      .map((a) => this.checkHost(a));
  }

  private async checkHost(agent: AgentRecord): Promise<void> {
    const agentId = agent.id;
    this.checking.add(agentId);
    const look = (this.looks.get(agentId) ?? 0) + 1;
    this.looks.set(agentId, look);
    const resting = this.resting.get(agentId) ?? new Map<string, number>();
    this.resting.set(agentId, resting);
    for (const [id, until] of resting) if (until <= look) resting.delete(id);
    try {
      // The moment before the rows are read: an operation begun since owns its server's world.
      const startedAt = nowIso();
      const before = new Date(Date.now() - this.options.maxAgeMs).toISOString();
      const due = this.ctx.servers.listDueForDataCheck(
        agentId,
        agent.serverDataPath,
        before,
        [...resting.keys()],
        this.options.perHost,
      );
      for (let i = 0; i < due.length; i += this.options.perRequest) {
        const servers = due.slice(i, i + this.options.perRequest);
        try {
          await checkDataLive(this.ctx, agent, servers, {
            unlessBusySince: startedAt,
            growOnly: true,
          });
        } catch (err) {
          for (const s of servers) resting.set(s.id, look + this.options.restLooks);
          this.warn(agentId, err);
          return; // the agent may still be walking them: the rest waits for the next look
        }
      }
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
