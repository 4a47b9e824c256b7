import type { ContainerInfo } from '@contract/agent-protocol';
import type { DriftItem, ServerStatus } from '@contract/http/servers';
import { observedStatus } from '@contract/lifecycle';
import type { AgentRecord } from '../db/agents-repo';
import { listContainerDetails, pickContainer, type ContainerListing } from './agent-calls';
import type { ManagerContext } from './context';
import { containerDrift, sameDrift, type ImageEnv } from './drift';
import { digestMatches, ExpectedDigests, type SealedServer } from './expected-digest';

/** Servers compared, and their changes stored in one transaction, per event-loop turn. */
const slice = 250;

/**
 * Servers without a container per turn: comparing one costs next to nothing, storing it a row of
 * one statement, and each transaction's commit is a sync to disk (3 ms here): a vanished third of
 * 10,000 in slices of 250 spent as long committing as writing.
 */
const uncontainedSlice = 1000;

/** What a server's row says of its container: status, container id, drift. */
interface Observed {
  status: ServerStatus;
  containerId: string | null;
  drift: DriftItem[];
}

/**
 * One reconcile's comparison of an agent's servers with its containers (docs/design.md §3.5),
 * fed as the list arrives (docs/decisions/0044-reconcile-statuses-before-data-checks.md): a
 * server is compared once a container of it has come — again if another one does — and what
 * changed is stored at once; when the list is whole, the servers left without a container are.
 * Containers are matched by the server-id label; deleted servers are never touched; a server an
 * operation touched since the pass began is the operation's; a server whose status, container
 * and drift are unchanged costs no write.
 */
export class StatusPass {
  private readonly servers: Map<string, SealedServer>;
  /** The containers seen so far of each of these servers. */
  private readonly containers = new Map<string, ContainerInfo[]>();
  /** What each compared server's row says now: as read, or as this pass stored it. */
  private readonly stored = new Map<string, Observed>();
  /** Containers that came before the images' environments (compared when the list is whole). */
  private held: ContainerInfo[] = [];
  private imageEnv: ImageEnv | undefined;
  /** Containers taken from parts so far (the whole list begins with them); all, once finished. */
  private taken = 0;
  private readonly vanished = new Set<string>();
  /** Servers whose container's digest differs from the expected one: compared once its details come. */
  private readonly undigested = new Set<string>();
  /** Servers whose change this pass stored, by the status they went to (the summary's counts). */
  private readonly changedTo: Partial<Record<ServerStatus, number>> = {};
  /** The servers' expected digests: recognised by their seals, new seals stored with each slice. */
  private readonly digests: ExpectedDigests;
  private changed = 0;
  private drifted = 0;
  private finished = false;
  private logged = false;

  constructor(
    private readonly ctx: ManagerContext,
    private readonly agent: AgentRecord,
    servers: SealedServer[],
    private readonly startedAt: string,
  ) {
    this.servers = new Map(servers.map((s) => [s.id, s]));
    this.digests = new ExpectedDigests(agent);
  }

  /**
   * One part's containers (and the images' environments, which the first part carries): their
   * servers are compared now, unless the environments are not known yet.
   */
  async take(containers: ContainerInfo[], imageEnv?: ImageEnv): Promise<void> {
    this.taken += containers.length;
    this.imageEnv ??= imageEnv;
    if (!this.imageEnv) this.held.push(...containers);
    else await this.compare(this.serversOf(containers));
  }

  /**
   * The list is whole: the rest of it is compared, then every server left without a container.
   * Returns the servers whose container vanished in this pass.
   */
  async finish(listing: ContainerListing): Promise<Set<string>> {
    this.imageEnv ??= listing.imageEnv;
    const rest = [...this.held, ...listing.containers.slice(this.taken)];
    this.held = [];
    await this.compare(this.serversOf(rest));
    await this.compareDetails();
    await this.compare(
      [...this.servers.values()].filter((s) => !this.containers.has(s.id)),
      uncontainedSlice,
    );
    for (const [serverId, containers] of this.containers)
      if (containers.length > 1) flagDuplicate(this.ctx, this.agent.id, serverId, containers);
    this.finished = true;
    this.taken = listing.containers.length;
    return this.vanished;
  }

  /**
   * One info line for the pass, whole or not (a fleet's pass changes thousands of servers: one
   * line each would be the log; they are at debug level). `complete: false` — the list failed or
   * never came whole — is followed by the reconcile's own warning with the reason. Once per pass.
   */
  logSummary(): void {
    if (this.logged) return;
    this.logged = true;
    this.ctx.logger.info(
      {
        agentId: this.agent.id,
        servers: this.servers.size,
        containers: this.taken,
        changed: this.changed,
        to: this.changedTo,
        drifted: this.drifted,
        digestsComputed: this.digests.computed,
        vanished: this.vanished.size,
        complete: this.finished,
      },
      'reconciled server statuses',
    );
  }

  /** The servers these containers belong to, once each; the containers noted against them. */
  private serversOf(containers: ContainerInfo[]): SealedServer[] {
    const touched = new Map<string, SealedServer>();
    for (const c of containers) {
      const server = this.servers.get(c.serverId);
      if (!server) continue;
      const seen = this.containers.get(server.id);
      if (seen) seen.push(c);
      else this.containers.set(server.id, [c]);
      touched.set(server.id, server);
    }
    return [...touched.values()];
  }

  /** Compare these servers with their containers and store what changed, a slice per turn. */
  private async compare(servers: SealedServer[], size = slice): Promise<void> {
    for (let i = 0; i < servers.length; i += size) {
      // Thousands of containers take a while to compare: let requests through between slices.
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      const changes: (Observed & { server: SealedServer })[] = [];
      for (const server of servers.slice(i, i + size)) {
        if (server.status === 'deleted') continue;
        const now = this.observe(server);
        if (!now) {
          this.undigested.add(server.id);
          continue;
        }
        const before = this.stored.get(server.id) ?? server;
        if (
          now.status !== before.status ||
          now.containerId !== before.containerId ||
          !sameDrift(now.drift, before.drift)
        )
          changes.push({ server, ...now });
      }
      this.store(changes);
      const seals = this.digests.takeFresh();
      if (seals.length > 0) this.ctx.servers.recordDigestSeals(seals);
    }
  }

  /** Null: the container's digest differs from the expected one, its details are needed. */
  private observe(server: SealedServer): Observed | null {
    const container = pickContainer(this.containers.get(server.id), server.containerId);
    // A matching digest means no drift in ports, mounts and environment: the container, which
    // carries none of them, is compared on its name and image alone.
    if (container && digestMatches(server, container, this.imageEnv, this.digests) === false)
      return null;
    return {
      status: observedStatus(server.status, container),
      containerId: container?.id ?? null,
      drift: container ? containerDrift(server, this.agent, container, this.imageEnv) : [],
    };
  }

  /**
   * The servers whose digest differed, compared on their containers' details (one more
   * `container.list` of those servers, docs/decisions/0104-list-digest.md). A container the
   * details no longer show was removed since the list: its server is left as it is (nothing
   * written on half a picture); the removal's own event confirms it. A failed request fails the
   * pass before any server is marked missing, as a failed list does.
   */
  private async compareDetails(): Promise<void> {
    if (this.undigested.size === 0) return;
    const ids = [...this.undigested];
    this.undigested.clear();
    const reply = await listContainerDetails(this.ctx, this.agent.id, ids);
    const details = new Map<string, ContainerInfo>();
    for (const c of reply.containers) details.set(c.id, c);
    // Compared with the defaults the agent took these environments beyond; only the servers
    // without a container are compared after these.
    this.imageEnv = { ...this.imageEnv, ...reply.imageEnv };
    const ready: SealedServer[] = [];
    for (const id of ids) {
      const listed = this.containers.get(id)!;
      const now = listed.map((c) => details.get(c.id));
      if (now.every((c) => c !== undefined && c.digest === undefined)) {
        this.containers.set(id, now as ContainerInfo[]);
        ready.push(this.servers.get(id)!);
      } else this.ctx.logger.debug({ serverId: id }, 'container gone before its details came');
    }
    await this.compare(ready);
  }

  private store(changes: (Observed & { server: SealedServer })[]): void {
    if (changes.length === 0) return;
    const busy = this.ctx.operations.busyServerIds(this.agent.id, this.startedAt);
    const writes = changes.filter((c) => !busy.has(c.server.id));
    this.ctx.servers.recordObserved(
      writes.map(({ server, status, containerId, drift }) => ({
        serverId: server.id,
        status,
        containerId,
        drift,
      })),
    );
    for (const { server, status, containerId, drift } of writes) {
      this.stored.set(server.id, { status, containerId, drift });
      if ((server.status === 'running' || server.status === 'stopped') && status === 'missing')
        this.vanished.add(server.id);
      this.changed++;
      this.changedTo[status] = (this.changedTo[status] ?? 0) + 1;
      if (drift.length > 0) this.drifted++;
    }
    if (this.ctx.logger.isLevelEnabled('debug'))
      for (const { server, status, drift } of writes)
        this.ctx.logger.debug(
          { serverId: server.id, from: server.status, to: status, drift: drift.length },
          'reconciled server status',
        );
  }
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
