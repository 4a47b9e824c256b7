import type { DataCheckItem } from '@contract/agent-protocol';
import type { RecoverResponse, RecoverSkip } from '@contract/http/recover';
import { dataGuardRefuses, decideAction, observedStatus } from '@contract/lifecycle';
import type { AgentRecord } from '../db/agents-repo';
import { publicOperation, type StoredOperation } from '../db/operations-repo';
import type { ServerRecord } from '../db/servers-repo';
import { checkDataLive, listContainers, pickContainer, type ContainerListing } from './agent-calls';
import { agentReady, type ManagerContext } from './context';
import { containerDrift } from './drift';
import { effectiveDataPath } from './effective-config';
import { refuseDivergedWorld } from './fingerprint-guard';
import {
  ApiError,
  DataMissingError,
  NotFoundError,
  OperationInProgressError,
  refusalError,
} from './errors';
import { auditOperation } from './operation-runner';
import { claimOperation } from './operations';
import { drainRecover } from './recover-drain';
import { loadAgent } from './server-view';

export interface RecoverInput {
  agentId: string;
  /** Absent: every server Docker shows missing. */
  serverIds?: string[];
  concurrency: number;
  actor: string;
}

/** What the host shows now (agent online), or null when only the stored state is known. */
interface LiveView {
  listing: ContainerListing;
  checks: Map<string, DataCheckItem>;
}

/**
 * POST /api/agents/:agentId/recover: one recreate per Missing server (or per listed id), each
 * judged like a single recreate — the lifecycle table against the live state, then the
 * fresh-start guard without consent (a recover never starts a fresh world). The refused are
 * listed with their code; the others each claim their server's slot at once and run at most
 * `concurrency` at a time (drainRecover). Agent offline: they queue like single recreates and
 * run on reconnect, one at a time.
 */
export async function recoverAgent(
  ctx: ManagerContext,
  input: RecoverInput,
): Promise<RecoverResponse> {
  const agent = loadAgent(ctx, input.agentId);
  const online = agentReady(ctx, agent.id);
  const servers = ctx.servers.listByAgent(agent.id).filter((s) => s.status !== 'deleted');
  // One container list and one batched data check for the whole host, like a reconcile.
  const live: LiveView | null = online
    ? await Promise.all([listContainers(ctx, agent.id), checkDataLive(ctx, agent, servers)]).then(
        ([listing, checks]) => ({ listing, checks }),
      )
    : null;
  const skipped: RecoverSkip[] = [];
  const accepted: ServerRecord[] = [];
  for (const target of targets(ctx, agent, servers, live, input.serverIds)) {
    if (typeof target === 'string') {
      skipped.push(skip(target, new NotFoundError('Server')));
      continue;
    }
    try {
      judge(ctx, target, agent, live);
      accepted.push(target);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      skipped.push(skip(target.id, err));
    }
  }
  const operations: StoredOperation[] = [];
  for (const server of accepted) {
    const runsNow = online && operations.length < input.concurrency;
    try {
      const op = claimOperation(ctx, {
        serverId: server.id,
        agentId: agent.id,
        kind: 'recreate',
        requestedBy: input.actor,
        allowFreshStart: false,
        queued: !runsNow,
        ...progressOf(online, runsNow, input.concurrency),
      });
      operations.push(op);
      auditOperation(ctx, op, 'requested', undefined, { recover: true, queued: !online });
    } catch (err) {
      // Another request claimed the server since it was judged.
      if (!(err instanceof OperationInProgressError)) throw err;
      skipped.push(skip(server.id, err));
    }
  }
  ctx.audit.record({
    actor: input.actor,
    action: 'agent.recovered',
    outcome: 'requested',
    serverId: null,
    agentId: agent.id,
    details: {
      listed: input.serverIds ?? null,
      concurrency: input.concurrency,
      operations: operations.map((op) => ({ serverId: op.serverId, operationId: op.id })),
      skipped: skipped.map(({ serverId, code }) => ({ serverId, code })),
    },
  });
  if (online) void drainRecover(ctx, agent.id, operations, input.concurrency);
  return { operations: operations.map(publicOperation), skipped };
}

/**
 * The servers to recover: the listed ids in order (one of another agent, or none, as a bare id),
 * or every server Docker shows missing. A listed deleted server is refused by the table like a
 * single recreate (restore it instead).
 */
function targets(
  ctx: ManagerContext,
  agent: AgentRecord,
  servers: ServerRecord[],
  live: LiveView | null,
  serverIds: string[] | undefined,
): (ServerRecord | string)[] {
  if (!serverIds) return servers.filter((s) => statusNow(s, live) === 'missing');
  return serverIds.map((id) => {
    const server = ctx.servers.findById(id);
    return server && server.agentId === agent.id ? server : id;
  });
}

/** The status Docker shows (agent online), else the stored one. */
function statusNow(server: ServerRecord, live: LiveView | null) {
  if (!live) return server.status;
  return observedStatus(server.status, container(server, live));
}

const container = (server: ServerRecord, live: LiveView) =>
  pickContainer(live.listing.byServer.get(server.id), server.containerId);

/** Every guard of a single recreate, without consent to a fresh start; throws the refusal. */
function judge(
  ctx: ManagerContext,
  server: ServerRecord,
  agent: AgentRecord,
  live: LiveView | null,
): void {
  const active = ctx.operations.findActive(server.id);
  if (active) throw new OperationInProgressError(active.id, active.kind);
  const found = live ? container(server, live) : undefined;
  const drifted = found
    ? containerDrift(server, agent, found, live!.listing.imageEnv).length > 0
    : server.drift.length > 0;
  const decision = decideAction(statusNow(server, live), 'recreate', live !== null, drifted);
  if (!decision.allowed) throw refusalError(decision);
  const dataExists = live ? live.checks.get(server.id)?.dataExists === true : server.dataExists;
  const refuses = dataGuardRefuses({
    dataGuards: decision.dataGuards,
    dataExists,
    allowFreshStart: false,
    live: live !== null,
  });
  if (refuses)
    throw new DataMissingError(`${effectiveDataPath(server, agent) ?? '?'}/${server.name}/data`);
  // Like auto-recreate, a recover never overrides the fingerprint guard.
  if (live) refuseDivergedWorld(server, live.checks.get(server.id), decision.dataGuards, false);
}

/** Started now, waiting for a turn, or (offline) waiting for the agent like any queued action. */
function progressOf(online: boolean, runsNow: boolean, concurrency: number) {
  if (!online) return {};
  if (runsNow) return { progress: { phase: 'checking-data' as const } };
  const message = `Waiting for its turn: ${concurrency} recreates run at a time`;
  return { progress: { phase: 'waiting-for-turn' as const, message } };
}

/** A refusal as listed; a missing world says that a recover never starts a fresh one. */
function skip(serverId: string, err: ApiError): RecoverSkip {
  const message =
    err instanceof DataMissingError
      ? `No world data at ${String(err.details?.path)}; a recover never starts a fresh world (recreate this server on its own to choose)`
      : err.message;
  return { serverId, code: err.code, message };
}
