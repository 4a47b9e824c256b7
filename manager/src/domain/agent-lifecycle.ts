import type { ContainerEventFrame, DockerHealth, ReplyFrame } from '@contract/agent-protocol';
import type { AgentHello, AgentHubListener } from '../ws/agent-hub';
import type { ExpiredRequest } from '../ws/agent-connection';
import { recordDataRoots } from './agent-data-roots';
import { agentReady, type ManagerContext } from './context';
import { endOperation, failure } from './operation-runner';
import { recordLateReply } from './late-replies';
import type { Reconciler } from './reconcile';
import { runQueuedOperations } from './server-actions';
import { publishAgent } from './server-view';

/** Turns hub events into agent status, reconciles and queued-operation runs. */
export class AgentLifecycle implements AgentHubListener {
  constructor(
    private readonly ctx: ManagerContext,
    private readonly reconciler: Reconciler,
  ) {}

  onAgentConnected(agentId: string, hello: AgentHello): void {
    recordDataRoots(this.ctx, agentId, hello);
    this.ctx.dockerAvailable.set(agentId, hello.docker.available);
    this.applyStatus(agentId, hello.docker, hello.hostname);
    if (hello.docker.available) void this.whenReady(agentId);
  }

  onAgentDisconnected(agentId: string): void {
    this.ctx.dockerAvailable.delete(agentId);
    this.ctx.agents.setStatus(agentId, 'offline', 'Agent disconnected');
    publishAgent(this.ctx, agentId);
    // In-flight requests were rejected first, so their runners record the failure themselves;
    // this sweep (after those microtasks) ends anything still running: no operation outlives its owner.
    setImmediate(() => {
      if (this.ctx.lifecycle.closed) return;
      for (const op of this.ctx.operations.listByAgentState(agentId, 'running')) {
        if (this.ctx.hub.isConnected(agentId)) return;
        endOperation(
          this.ctx,
          op,
          failure(this.ctx, op, undefined, {
            code: 'AGENT_DISCONNECTED',
            message: 'The agent disconnected during the operation',
          }),
        );
      }
    });
  }

  onContainerEvent(agentId: string, _event: ContainerEventFrame): void {
    // Events only say "look again": one debounced reconcile (a list scoped to THIS agent) decides.
    this.reconciler.schedule(agentId);
  }

  onDockerHealth(agentId: string, docker: DockerHealth): void {
    const before = agentReady(this.ctx, agentId);
    const changed = this.ctx.dockerAvailable.get(agentId) !== docker.available;
    this.ctx.dockerAvailable.set(agentId, docker.available);
    if (changed) this.applyStatus(agentId, docker);
    else this.ctx.agents.touch(agentId);
    if (!before && agentReady(this.ctx, agentId)) void this.whenReady(agentId);
  }

  onLateReply(agentId: string, request: ExpiredRequest, reply: ReplyFrame): void {
    recordLateReply(this.ctx, agentId, request, reply);
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
    await runQueuedOperations(this.ctx, agentId).catch((err: unknown) =>
      this.ctx.logger.error({ agentId, err }, 'running queued operations failed'),
    );
  }
}
