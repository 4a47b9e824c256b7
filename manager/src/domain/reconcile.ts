import { nowIso } from '../db/connection';
import { checkDataLive, listContainersInParts } from './agent-calls';
import { agentReady, type ManagerContext } from './context';
import { StorageUnavailableError } from './errors';
import { listServersInSlices } from './read-fleet';
import { reconcileServers, scopedReconcileMax } from './reconcile-servers';
import { StatusPass } from './status-pass';

/** Called with the servers whose container vanished in this pass and the agent reconciled. */
export type AfterReconcile = (agentId: string, vanished: Set<string>) => void;

/**
 * Make the stored status match Docker (docs/design.md §3.5): ONE container.list and batched
 * data.checks (chunked to the protocol's cap) per agent; each container is compared with what
 * the stored config builds and the status, container id and differences (drift) are stored
 * (StatusPass). Work is linear in the fleet, in slices with the event loop free between them.
 *
 * The list is asked for first and the servers read while the agent builds it; each part of it
 * is compared and stored as it arrives, the servers left without a container once it is whole.
 * A status follows from the list alone: the data checks (a walk of every world on the host) are
 * asked for once the statuses are stored and stored as they come, and the pass ends — `after`
 * runs — once both are (docs/decisions/0044-reconcile-statuses-before-data-checks.md).
 */
export async function reconcileAgent(
  ctx: ManagerContext,
  agentId: string,
  after?: AfterReconcile,
): Promise<void> {
  const agent = ctx.agents.findById(agentId);
  if (!agent || !agentReady(ctx, agentId)) return;
  const startedAt = nowIso();
  const { parts, listing } = listContainersInParts(ctx, agentId);
  const servers = await listServersInSlices(ctx, agentId);
  const pass = new StatusPass(ctx, agent, servers, startedAt);
  let vanished: Set<string>;
  try {
    // Each part is compared and stored while the agent sends the next, one per event-loop turn,
    // and not in the turn that parsed and validated it (a part arrives in a microtask of that
    // turn): parts that queued up while the servers were read never hold the loop together.
    for await (const part of parts) {
      await new Promise((resolve) => setImmediate(resolve));
      await pass.take(part.containers, part.imageEnv);
    }
    // A failed list (or details request) fails the pass: no server is marked missing. The data
    // checks are still asked for and stored.
    const checkAnyway = (err: unknown) => {
      void checkDataLive(ctx, agent, servers, { unlessBusySince: startedAt }).catch(
        () => undefined,
      );
      throw err;
    };
    const listed = await listing.catch(checkAnyway);
    vanished = await pass.finish(listed).catch(checkAnyway);
    pass.logSummary();
    // Asked for once the statuses are stored: the agent's walk of every world does not compete
    // with the pass for the host's cores (docs/decisions/0101-reconcile-10k-what-is-left.md).
    await checkDataLive(ctx, agent, servers, { unlessBusySince: startedAt });
  } catch (err) {
    pass.logSummary(); // what was stored before the failure; the reason is logged by the caller
    throw err;
  }
  after?.(agentId, vanished);
}

/** Per-agent serialised, debounced reconcile runs. */
export class Reconciler {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** What the scheduled run of each agent covers: the servers named so far, or all of them. */
  private readonly scheduled = new Map<string, Set<string> | 'all'>();
  /** Servers a Docker event already showed vanishing, told to `after` with the next pass's own. */
  private readonly vanishedByEvent = new Map<string, Set<string>>();

  constructor(
    private readonly ctx: ManagerContext,
    private readonly after: AfterReconcile,
    private readonly debounceMs = 200,
  ) {}

  /** Reconcile now (after any run in progress for the same agent); errors are logged, not thrown. */
  run(agentId: string): Promise<void> {
    return this.chain(agentId, (after) => reconcileAgent(this.ctx, agentId, after));
  }

  /** Confirm only these servers (after any run in progress for the same agent). */
  runServers(agentId: string, serverIds: Set<string>): Promise<void> {
    return this.chain(agentId, (after) => reconcileServers(this.ctx, agentId, serverIds, after));
  }

  private chain(agentId: string, pass: (after: AfterReconcile) => Promise<void>): Promise<void> {
    const previous = this.chains.get(agentId) ?? Promise.resolve();
    const next = previous.then(() =>
      pass((id, vanished) => {
        const byEvent = this.vanishedByEvent.get(id);
        this.vanishedByEvent.delete(id);
        this.after(id, byEvent ? new Set([...vanished, ...byEvent]) : vanished);
      }).catch((err: unknown) => {
        // Storage refused a write: reconcile again once it takes writes.
        if (err instanceof StorageUnavailableError) this.ctx.pendingWrites.noteOutage(err);
        this.ctx.logger.warn(
          { agentId, err: err instanceof Error ? err.message : err },
          'reconcile failed',
        );
      }),
    );
    this.chains.set(agentId, next);
    return next;
  }

  /** A Docker event made this server's container vanish (its status is already missing). */
  noteVanished(agentId: string, serverId: string): void {
    const set = this.vanishedByEvent.get(agentId) ?? new Set<string>();
    set.add(serverId);
    this.vanishedByEvent.set(agentId, set);
  }

  /**
   * Coalesce bursts (container events, failed operations) into one run within debounceMs: of
   * the servers named (a few: each confirmed alone, reconcile-servers.ts), or of the whole host
   * when one asked for it without a server or too many were named. A run asked for only by
   * servers whose operation is running (a recreate's own create and start events) waits until
   * those operations ended: it could not write those servers anyway (StatusPass skips busy ones),
   * and its container list and inspects would compete with Docker starting the container
   * (docs/decisions/0091-reconcile-waits-for-the-operation-behind-an-event.md).
   */
  schedule(agentId: string, serverId?: string): void {
    const scope = this.scheduled.get(agentId);
    if (serverId === undefined || scope === 'all') this.scheduled.set(agentId, 'all');
    else this.scheduled.set(agentId, (scope ?? new Set<string>()).add(serverId));
    if (!this.timers.has(agentId)) this.arm(agentId);
  }

  private arm(agentId: string): void {
    const timer = setTimeout(() => {
      this.timers.delete(agentId);
      if (this.ctx.lifecycle.closed) return;
      const servers = this.scheduled.get(agentId);
      if (servers instanceof Set && this.allBusy(servers)) return this.arm(agentId);
      this.scheduled.delete(agentId);
      if (servers === undefined || servers === 'all' || servers.size > scopedReconcileMax)
        void this.run(agentId);
      else void this.runServers(agentId, servers);
    }, this.debounceMs);
    timer.unref();
    this.timers.set(agentId, timer);
  }

  private allBusy(servers: Set<string>): boolean {
    try {
      return [...servers].every((id) => this.ctx.operations.findActive(id)?.state === 'running');
    } catch {
      return false; // cannot tell: reconcile, as without the wait
    }
  }

  /** Stop pending timers (shutdown). */
  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.scheduled.clear();
  }
}
