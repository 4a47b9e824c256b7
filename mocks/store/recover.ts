import type { RecoverResponse, RecoverSkip } from '@contract/http/recover';
import type { StoreCore } from './core';
import { MockApiError } from './errors';
import { requestAction } from './server-actions';

export interface RecoverRequestInput {
  agentId: string;
  /** Absent: every Missing server of the agent. */
  serverIds?: string[];
  concurrency: number;
  actor: string;
}

/**
 * POST /api/agents/:agentId/recover: one recreate per Missing server (or listed id), each the
 * very request a single recreate is (so the same refusals), without consent to a fresh start.
 * Online, they share a batch and at most `concurrency` run at once; offline they queue.
 */
export function recoverAgent(core: StoreCore, req: RecoverRequestInput): RecoverResponse {
  core.agent(req.agentId);
  const targets =
    req.serverIds ??
    core.state.servers
      .filter((s) => s.agentId === req.agentId && s.status === 'missing')
      .map((s) => s.id);
  const batch = core.newId('recover');
  const operations: RecoverResponse['operations'] = [];
  const skipped: RecoverSkip[] = [];
  for (const serverId of targets) {
    try {
      const { operation } = requestAction(core, 'recreate', {
        agentId: req.agentId,
        serverId,
        actor: req.actor,
        allowFreshStart: false,
        turn: { batch, concurrency: req.concurrency, started: false },
      });
      operations.push(operation);
    } catch (err) {
      if (!(err instanceof MockApiError)) throw err;
      const message =
        err.code === 'DATA_MISSING'
          ? 'No world data for this server; a recover never starts a fresh world (recreate it on its own to choose)'
          : err.message;
      skipped.push({ serverId, code: err.code, message });
    }
  }
  core.audit({
    action: 'agent.recovered',
    outcome: 'requested',
    actor: req.actor,
    agentId: req.agentId,
    details: {
      listed: req.serverIds ?? null,
      concurrency: req.concurrency,
      operations: operations.map((op) => ({ serverId: op.serverId, operationId: op.id })),
      skipped: skipped.map(({ serverId, code }) => ({ serverId, code })),
    },
  });
  return { operations, skipped };
}
