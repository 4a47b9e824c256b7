import type { Operation, OperationKind } from '@contract/http/operations';
import type { ServerActionResponse } from '@contract/http/servers';
import { auditActionForKind as auditActionFor } from '@contract/http/audit';
import type { StoreCore } from './core';
import { launchOperation } from './operation-runner';
import type { OperationPlan, ServerRecord } from './state';

export type PlanFields = Pick<OperationPlan, 'effect' | 'revertStatus'> &
  Partial<Omit<OperationPlan, 'operationId' | 'serverId' | 'effect' | 'revertStatus'>>;

/**
 * Records a new operation as the server's active one, audits the request and sets it going.
 * The 202 reply carries `queued: true` when the agent is not online to run it now.
 */
export function acceptOperation(
  core: StoreCore,
  server: ServerRecord,
  kind: OperationKind,
  fields: PlanFields,
  actor: string,
): ServerActionResponse {
  const allowFreshStart = fields.allowFreshStart ?? false;
  const operation: Operation = {
    id: core.newId('op'),
    serverId: server.id,
    kind,
    state: 'queued',
    requestedBy: actor,
    createdAt: core.now(),
    startedAt: null,
    finishedAt: null,
    ...(allowFreshStart ? { allowFreshStart } : {}),
    ...(fields.allowDataDivergence ? { allowDataDivergence: true } : {}),
    ...(fields.rollbackTo ? { snapshotId: fields.rollbackTo } : {}),
  };
  core.state.operations.push(operation);
  core.state.plans.push({
    operationId: operation.id,
    serverId: server.id,
    revertDeletedAt: null,
    allowFreshStart,
    removeData: false,
    ...fields,
  });
  server.activeOperationId = operation.id;
  core.audit({
    action: auditActionFor[kind],
    outcome: 'requested',
    actor,
    server,
    operationId: operation.id,
    details: allowFreshStart ? { allowFreshStart } : {},
  });
  launchOperation(core, operation.id);
  const queued = core.agent(server.agentId).status !== 'online';
  return {
    server: core.view(server),
    operation: { ...operation },
    ...(queued ? { queued: true } : {}),
  };
}
