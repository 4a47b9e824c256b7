import type { ContainerInfo } from '@contract/agent-protocol';
import { observedStatus } from '@contract/lifecycle';
import { nowIso } from '../db/connection';
import { checkDataLive, listContainersByServer, pickContainer } from './agent-calls';
import { agentReady, type ManagerContext } from './context';
import { StorageUnavailableError } from './errors';

/** Called with the servers whose container vanished in this pass and the agent reconciled. */
export type AfterReconcile = (agentId: string, vanished: Set<string>) => void;

/**
 * Make the stored status match Docker (docs/design.md §3 "Reconcile"): ONE container.list and ONE batched
 * data.check per agent, containers matched by the server-id label, container ids recorded, deleted
 * servers never touched, servers busy with an operation left to it.
 */
export async function reconcileAgent(
  ctx: ManagerContext,
  agentId: string,
  after?: AfterReconcile,
): Promise<void> {
  const agent = ctx.agents.findById(agentId);
  if (!agent || !agentReady(ctx, agentId)) return;
  const startedAt = nowIso();
  const byServer = await listContainersByServer(ctx, agentId);
  await checkDataLive(ctx, agent, ctx.servers.listByAgent(agentId));
  const vanished = new Set<string>();
  for (const server of ctx.servers.listByAgent(agentId)) {
    const containers = byServer.get(server.id) ?? [];
    if (containers.length > 1) flagDuplicate(ctx, agentId, server.id, containers);
    if (server.status === 'deleted' || ctx.operations.busySince(server.id, startedAt)) {
      continue;
    }
    const container = pickContainer(containers, server.container_id);
    const status = observedStatus(server.status, container);
    if ((server.status === 'running' || server.status === 'stopped') && status === 'missing')
      vanished.add(server.id);
    if (status !== server.status || (container?.id ?? null) !== server.container_id) {
      ctx.servers.update(server.id, { status, containerId: container?.id ?? null });
      ctx.logger.info(
        { serverId: server.id, from: server.status, to: status },
        'reconciled server status',
      );
    }
  }
  after?.(agentId, vanished);
}

const flagged = new Set<string>();

/** Invariant 3 says this must never happen; if Docker shows it anyway, say so loudly (once). */
function flagDuplicate(
  ctx: ManagerContext,
  agentId: string,
  serverId: string,
  containers: ContainerInfo[],
): void {
  const key = `${serverId}:${containers
    .map((c) => c.id)
    .sort()
    .join(',')}`;
  if (flagged.has(key)) return;
  flagged.add(key);
  ctx.logger.error(
    { serverId, containers: containers.map((c) => c.id) },
    'two containers carry one server id',
  );
  ctx.audit.record({
    actor: 'system',
    action: 'server.duplicate_container',
    outcome: 'failed',
    serverId,
    agentId,
    details: { containerIds: containers.map((c) => c.id), names: containers.map((c) => c.name) },
  });
}

/** Per-agent serialised, debounced reconcile runs. */
export class Reconciler {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly ctx: ManagerContext,
    private readonly after: AfterReconcile,
    private readonly debounceMs = 200,
  ) {}

  /** Reconcile now (after any run in progress for the same agent); errors are logged, not thrown. */
  run(agentId: string): Promise<void> {
    const previous = this.chains.get(agentId) ?? Promise.resolve();
    const next = previous.then(() =>
      reconcileAgent(this.ctx, agentId, this.after).catch((err: unknown) => {
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

  /** Coalesce bursts (container events) into one reconcile within debounceMs. */
  schedule(agentId: string): void {
    if (this.timers.has(agentId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(agentId);
      if (this.ctx.lifecycle.closed) return;
      void this.run(agentId);
    }, this.debounceMs);
    timer.unref();
    this.timers.set(agentId, timer);
  }

  /** Stop pending timers (shutdown). */
  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
