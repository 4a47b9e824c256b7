import { agentReady, type ManagerContext } from './context';
import { ApiError, StorageUnavailableError } from './errors';
import { requestServerAction } from './server-actions';

interface Outage {
  timer?: NodeJS.Timeout;
  attempted: boolean;
}

/**
 * Per-server opt-in auto-recreate (docs/design.md §3.6): when a container vanishes and its data exists,
 * recreate ONCE per outage after a backoff, as `system`, never with allowFreshStart. An outage
 * ends when the server is seen running again (or its container vanishes anew after running).
 * Outages live in memory: after a manager restart a still-missing server gets one new attempt.
 */
export class AutoRecreate {
  private readonly outages = new Map<string, Outage>();

  constructor(
    private readonly ctx: ManagerContext,
    private readonly backoffMs: number,
  ) {}

  /** Look at an agent's servers after a reconcile; `vanished` holds those whose container just disappeared. */
  evaluate(agentId: string, vanished: Set<string>): void {
    // An outage ends when its server is seen running again, or vanishes anew after running.
    for (const serverId of [...this.outages.keys()]) {
      const server = this.ctx.servers.findById(serverId);
      if (!server || server.status === 'running' || vanished.has(serverId))
        this.endOutage(serverId);
    }
    for (const server of this.ctx.servers.listMissingAutoRecreate(agentId)) {
      if (this.outages.has(server.id)) continue;
      if (server.dataExists !== true) {
        this.ctx.logger.info(
          { serverId: server.id },
          'auto-recreate skipped: no data (never an automatic fresh start)',
        );
        this.outages.set(server.id, { attempted: false });
        continue;
      }
      const outage: Outage = { attempted: false };
      outage.timer = setTimeout(
        () =>
          void this.attempt(server.id, outage).catch((err: unknown) =>
            this.ctx.logger.error({ serverId: server.id, err }, 'auto-recreate attempt failed'),
          ),
        this.backoffMs,
      );
      outage.timer.unref();
      this.outages.set(server.id, outage);
    }
  }

  /** Stop pending attempts (shutdown). */
  close(): void {
    for (const o of this.outages.values()) clearTimeout(o.timer);
    this.outages.clear();
  }

  private endOutage(serverId: string): void {
    clearTimeout(this.outages.get(serverId)?.timer);
    this.outages.delete(serverId);
  }

  private async attempt(serverId: string, outage: Outage): Promise<void> {
    outage.attempted = true;
    const server = this.ctx.servers.findById(serverId);
    if (
      !server ||
      server.status !== 'missing' ||
      !server.autoRecreate ||
      !agentReady(this.ctx, server.agentId)
    )
      return;
    const base = {
      actor: 'system',
      action: 'server.auto_recreate' as const,
      serverId,
      agentId: server.agentId,
    };
    try {
      const { operation } = await requestServerAction(this.ctx, {
        agentId: server.agentId,
        serverId,
        kind: 'recreate',
        allowFreshStart: false,
        actor: 'system',
      });
      this.ctx.audit.record({
        ...base,
        outcome: 'requested',
        operationId: operation.id,
        details: {},
      });
    } catch (err) {
      if (err instanceof StorageUnavailableError) {
        // Refused by a storage outage, not by the server's state: the reconcile after it tries anew.
        this.outages.delete(serverId);
        this.ctx.pendingWrites.noteOutage(err);
        this.ctx.logger.warn({ serverId }, 'auto-recreate postponed: storage unavailable');
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      // A diverged world is refused like a user's request would be, and never overridden here.
      const code = err instanceof ApiError ? err.code : undefined;
      this.ctx.audit.record({
        ...base,
        outcome: 'failed',
        details: { message, ...(code ? { code } : {}) },
      });
      this.ctx.logger.warn({ serverId, message }, 'auto-recreate attempt refused');
    }
  }
}
