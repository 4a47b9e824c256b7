import type { ContainerInfo } from '@contract/agent-protocol';
import type { DriftItem, ServerStatus } from '@contract/http/servers';
import { observedStatus } from '@contract/lifecycle';
import type { AgentRecord } from '../db/agents-repo';
import type { ServerRecord } from '../db/servers-repo';
import { nowIso } from '../db/connection';
import { checkDataLive, listContainers, pickContainer, type ContainerListing } from './agent-calls';
import { agentReady, type ManagerContext } from './context';
import { containerDrift, sameDrift } from './drift';
import { listServersInSlices } from './read-fleet';
import { StorageUnavailableError } from './errors';

const writeSlice = 1000;
const compareSlice = 1000;

interface Change {
  server: ServerRecord;
  status: ServerStatus;
  containerId: string | null;
  drift: DriftItem[];
}

/** Called with the servers whose container vanished in this pass and the agent reconciled. */
export type AfterReconcile = (agentId: string, vanished: Set<string>) => void;

/**
 * Make the stored status match Docker (docs/design.md §3.5): ONE container.list and batched
 * data.checks (chunked to the protocol's cap) per agent, containers matched by the server-id label,
 * container ids recorded, deleted servers never touched, servers busy with an operation left to it.
 * Each container is compared with what the stored config builds and the differences (drift) are
 * stored. Work is linear in the fleet; the writes go in slices of `writeSlice` servers per
 * transaction, and a server whose status, container and drift are unchanged costs no write.
 *
 * The list is asked for first and the servers read while the agent builds it. A status follows
 * from the list alone, so it is stored as soon as the list is in; the data checks (a walk of
 * every world on the host) are asked for then and stored as they come, and the pass ends —
 * `after` runs — once both are (docs/decisions/0044-reconcile-statuses-before-data-checks.md).
 */
export async function reconcileAgent(
  ctx: ManagerContext,
  agentId: string,
  after?: AfterReconcile,
): Promise<void> {
  const agent = ctx.agents.findById(agentId);
  if (!agent || !agentReady(ctx, agentId)) return;
  const startedAt = nowIso();
  const listing = listContainers(ctx, agentId);
  listing.catch(() => undefined); // heard at once, awaited below
  const servers = await listServersInSlices(ctx, agentId);
  // The data checks are asked for once the list is in: the agent builds the list alone, then
  // walks the folders while the statuses are compared and stored here.
  const listed = await listing.catch((err: unknown) => {
    // A failed list fails the pass before any status is written; the checks are still stored.
    void checkDataLive(ctx, agent, servers).catch(() => undefined);
    throw err;
  });
  const checking = checkDataLive(ctx, agent, servers);
  checking.catch(() => undefined); // a failed check fails the pass after the statuses are stored
  const vanished = await applyStatuses(ctx, agent, servers, listed, startedAt);
  await checking;
  after?.(agentId, vanished);
}

/** Compare each server with its container and store what changed; the servers whose container vanished. */
async function applyStatuses(
  ctx: ManagerContext,
  agent: AgentRecord,
  servers: ServerRecord[],
  { byServer, imageEnv }: ContainerListing,
  startedAt: string,
): Promise<Set<string>> {
  const agentId = agent.id;
  const vanished = new Set<string>();
  const changes: Change[] = [];
  for (const [i, server] of servers.entries()) {
    // Comparing thousands of containers with their configs takes a while: let requests through.
    if (i > 0 && i % compareSlice === 0) await new Promise((resolve) => setImmediate(resolve));
    const containers = byServer.get(server.id) ?? [];
    if (containers.length > 1) flagDuplicate(ctx, agentId, server.id, containers);
    if (server.status === 'deleted') continue;
    const container = pickContainer(containers, server.containerId);
    const status = observedStatus(server.status, container);
    const containerId = container?.id ?? null;
    const drift = container ? containerDrift(server, agent, container, imageEnv) : [];
    if (
      status !== server.status ||
      containerId !== server.containerId ||
      !sameDrift(drift, server.drift)
    )
      changes.push({ server, status, containerId, drift });
  }
  // Written in slices, one transaction each, yielding between them: a fleet of thousands never
  // holds the event loop. A server an operation touched since the pass began is the operation's.
  for (let i = 0; i < changes.length; i += writeSlice) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    const busy = ctx.operations.busyServerIds(agentId, startedAt);
    const slice = changes.slice(i, i + writeSlice).filter((c) => !busy.has(c.server.id));
    ctx.servers.recordObserved(
      slice.map(({ server, status, containerId, drift }) => ({
        serverId: server.id,
        status,
        containerId,
        drift,
      })),
    );
    for (const { server, status, drift } of slice) {
      if ((server.status === 'running' || server.status === 'stopped') && status === 'missing')
        vanished.add(server.id);
      ctx.logger.info(
        { serverId: server.id, from: server.status, to: status, drift: drift.length },
        'reconciled server status',
      );
    }
  }
  return vanished;
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
  /** Servers a Docker event already showed vanishing, told to `after` with the next pass's own. */
  private readonly vanishedByEvent = new Map<string, Set<string>>();

  constructor(
    private readonly ctx: ManagerContext,
    private readonly after: AfterReconcile,
    private readonly debounceMs = 200,
  ) {}

  /** Reconcile now (after any run in progress for the same agent); errors are logged, not thrown. */
  run(agentId: string): Promise<void> {
    const previous = this.chains.get(agentId) ?? Promise.resolve();
    const next = previous.then(() =>
      reconcileAgent(this.ctx, agentId, (id, vanished) => {
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
