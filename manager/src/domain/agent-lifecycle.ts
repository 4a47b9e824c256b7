import type { ContainerEventFrame, DockerHealth, ReplyFrame } from '@contract/agent-protocol';
import type { AgentHello, AgentHubListener } from '../ws/agent-hub';
import type { ExpiredRequest } from '../ws/agent-connection';
import { recordDataRoots } from './agent-data-roots';
import { applyContainerEvent } from './container-events';
import { agentReady, type ManagerContext } from './context';
import { StorageUnavailableError } from './errors';
import { endOperation, failure } from './operation-runner';
import { recordLateReply } from './late-replies';
import type { Reconciler } from './reconcile';
import { runQueuedOperations } from './server-actions';
import { publishAgent } from './server-view';

/**
 * Turns hub events into agent status, reconciles and queued-operation runs. Agent frames must
 * never take the manager down: during a storage outage the agent's record is re-written from what
 * memory knows once the database takes writes again, and everything else is left to reconcile.
 */
export class AgentLifecycle implements AgentHubListener {
  /** The latest hello of each connected agent, its docker health kept current by heartbeats. */
  private readonly hellos = new Map<string, AgentHello>();

  constructor(
    private readonly ctx: ManagerContext,
    private readonly reconciler: Reconciler,
  ) {}

  onAgentConnected(agentId: string, hello: AgentHello): void {
    this.hellos.set(agentId, hello);
    this.ctx.dockerAvailable.set(agentId, hello.docker.available);
    this.syncAgentRecord(agentId);
    if (hello.docker.available) void this.whenReady(agentId);
  }

  onAgentDisconnected(agentId: string): void {
    this.hellos.delete(agentId);
    this.ctx.dockerAvailable.delete(agentId);
    this.syncAgentRecord(agentId);
    // In-flight requests were rejected first, so their runners parked (resumable work) or ended
    // them; this sweep (after those microtasks) ends anything else still running: no operation
    // outlives its owner except by waiting for it, with a deadline.
    setImmediate(() => {
      if (this.ctx.lifecycle.closed) return;
      this.survivingStorage(() => {
        const waiting = new Set(this.ctx.operations.listWaiting(agentId).map((op) => op.id));
        for (const op of this.ctx.operations.listByAgentState(agentId, 'running')) {
          if (this.ctx.hub.isConnected(agentId)) return;
          if (waiting.has(op.id)) continue;
          const error = {
            code: 'AGENT_DISCONNECTED' as const,
            message: 'The agent disconnected during the operation',
          };
          endOperation(this.ctx, op, failure(this.ctx, op, undefined, error));
        }
      });
    });
  }

  onContainerEvent(agentId: string, event: ContainerEventFrame): void {
    // What the event proves is shown at once; a debounced reconcile of this server (a list scoped
    // to its label), after its operation if one runs, confirms it and lets auto-recreate look at
    // a vanished container.
    this.survivingStorage(() => {
      if (applyContainerEvent(this.ctx, agentId, event).vanished)
        this.reconciler.noteVanished(agentId, event.serverId);
    });
    this.reconciler.schedule(agentId, event.serverId);
  }

  onDockerHealth(agentId: string, docker: DockerHealth): void {
    const before = agentReady(this.ctx, agentId);
    const changed = this.ctx.dockerAvailable.get(agentId) !== docker.available;
    this.ctx.dockerAvailable.set(agentId, docker.available);
    const hello = this.hellos.get(agentId);
    if (hello) this.hellos.set(agentId, { ...hello, docker });
    if (changed) this.syncAgentRecord(agentId);
    else this.survivingStorage(() => this.ctx.agents.touch(agentId)); // the next heartbeat retries
    if (!before && agentReady(this.ctx, agentId)) void this.whenReady(agentId);
  }

  onLateReply(agentId: string, request: ExpiredRequest, reply: ReplyFrame): void {
    // If it cannot be recorded now, the reconcile after the outage records what Docker shows.
    this.survivingStorage(() => recordLateReply(this.ctx, agentId, request, reply));
  }

  /** Storage is back after an outage: reconcile every connected agent and run what is queued. */
  resumeAll(): void {
    for (const agentId of this.hellos.keys())
      if (agentReady(this.ctx, agentId)) void this.whenReady(agentId);
  }

  /** Write the agent's row from what memory knows now; kept and retried during a storage outage. */
  private syncAgentRecord(agentId: string): void {
    this.ctx.pendingWrites.run(`agent:${agentId}`, () => {
      const hello = this.hellos.get(agentId);
      if (!hello || !this.ctx.hub.isConnected(agentId)) {
        this.ctx.agents.setStatus(agentId, 'offline', 'Agent disconnected');
        publishAgent(this.ctx, agentId);
        return;
      }
      recordDataRoots(this.ctx, agentId, hello);
      this.applyStatus(agentId, hello.docker, hello.hostname);
    });
  }

  /** Run a write nobody replays; on a storage outage log it and reconcile once storage is back. Never throws. */
  private survivingStorage(write: () => void): void {
    try {
      write();
    } catch (err) {
      if (!(err instanceof StorageUnavailableError)) {
        this.ctx.logger.error({ err }, 'recording an agent event failed');
        return;
      }
      this.ctx.logger.warn(
        { code: err.sqliteCode },
        'agent event not recorded: storage unavailable',
      );
      this.ctx.pendingWrites.noteOutage(err);
    }
  }

  /** Docker unreachable shows as offline with the reason (the agent itself is connected). */
  private applyStatus(agentId: string, docker: DockerHealth, hostname?: string): void {
    if (docker.available) this.ctx.agents.setStatus(agentId, 'online', null, hostname);
    else
      this.ctx.agents.setStatus(
        agentId,
        'offline',
        `Docker engine unreachable${docker.reason ? `: ${docker.reason}` : ''}`,
        hostname,
      );
    publishAgent(this.ctx, agentId);
  }

  /** Connect (or Docker back): reconcile first, then the queued operations in order. */
  private async whenReady(agentId: string): Promise<void> {
    await this.reconciler.run(agentId);
    // Work cut short by the outage goes first, with its own keys; then what was queued.
    this.survivingStorage(() => this.ctx.resumer.resume(this.ctx, agentId));
    this.ctx.events.emit('agent.ready', { agentId });
    await runQueuedOperations(this.ctx, agentId).catch((err: unknown) => {
      if (err instanceof StorageUnavailableError) this.ctx.pendingWrites.noteOutage(err);
      this.ctx.logger.error({ agentId, err }, 'running queued operations failed');
    });
  }
}
