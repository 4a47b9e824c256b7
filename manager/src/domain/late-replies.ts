import { CreateResult, type ReplyFrame } from '@contract/agent-protocol';
import type { ExpiredRequest } from '../ws/agent-connection';
import type { ManagerContext } from './context';
import { auditOperation, createdPatch, recreatedAudit } from './operation-runner';

/**
 * A reply that arrived after the manager gave up (AGENT_TIMEOUT). A create that finished anyway is
 * recorded — container id and status — so nothing is lost and a retry adopts instead of conflicting
 * (docs/design.md, lesson 3). Everything else just triggers a reconcile.
 */
export function recordLateReply(
  ctx: ManagerContext,
  agentId: string,
  request: ExpiredRequest,
  reply: ReplyFrame,
): void {
  ctx.logger.info(
    { agentId, command: request.command.name, operationId: request.operationId, ok: reply.ok },
    'late agent reply',
  );
  const isCreate =
    request.command.name === 'container.create' || request.command.name === 'container.replace';
  const op = request.operationId ? ctx.operations.findById(request.operationId) : undefined;
  const parsed = reply.ok ? CreateResult.safeParse(reply.result) : undefined;
  if (
    isCreate &&
    op &&
    parsed?.success &&
    ctx.operations.latestForServer(op.serverId)?.id === op.id
  ) {
    const server = ctx.servers.findById(op.serverId);
    // Never resurrect a server deleted since, unless this was the restore the user asked for.
    if (server && (server.status !== 'deleted' || op.kind === 'restore')) {
      ctx.servers.update(op.serverId, createdPatch(op, parsed.data));
      const [line] = recreatedAudit(op, parsed.data, { late: true });
      auditOperation(ctx, op, 'succeeded', line!.action, line!.details);
    }
  }
  ctx.events.emit('reconcile.requested', { agentId });
}
