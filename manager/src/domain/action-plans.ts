import { randomUUID } from 'node:crypto';
import type { ContainerSpec, DataCheckItem } from '@contract/agent-protocol';
import type { Fingerprint } from '@contract/http/snapshots';
import {
  automaticSnapshotReason,
  dataGuardRefuses,
  decideAction,
  observedStatus,
  type LifecycleAction,
  type LifecycleRoute,
} from '@contract/lifecycle';
import type { AgentRecord } from '../db/agents-repo';
import type { ServerRecord } from '../db/servers-repo';
import { checkDataLive, listContainers, pickContainer } from './agent-calls';
import type { ManagerContext } from './context';
import { containerDrift } from './drift';
import { effectiveDataPath } from './effective-config';
import { DataMissingError, InvalidStateError, refusalError } from './errors';
import { refuseDivergedWorld } from './fingerprint-guard';
import { prepareRecreate, type RecreatePlan } from './recreate';
import type { SnapshotStep } from './snapshot-steps';
import { loadRollbackTarget } from './snapshots';

/**
 * What an accepted action will do on the agent, decided from LIVE Docker state. `snapshot`: the
 * automatic snapshot taken before the step it guards. `healthyAfter`: the healthy fingerprint the
 * server gets when the work succeeds (a world accepted as it is; null after a fresh start).
 */
export type ActionPlan =
  | {
      type: 'recreate';
      recreate: RecreatePlan;
      snapshot?: SnapshotStep;
      healthyAfter?: Fingerprint | null;
    }
  | { type: 'start' | 'stop' | 'restart' }
  | {
      type: 'replace';
      spec: ContainerSpec;
      requireData: boolean;
      /** The fields a recreate of a drifted container puts right (audited). */
      drift?: string[];
      snapshot?: SnapshotStep;
      healthyAfter?: Fingerprint | null;
    }
  | {
      type: 'remove';
      removeData: boolean;
      removeSnapshots?: boolean;
      dataPath: string;
      snapshot?: SnapshotStep;
    }
  | { type: 'snapshot'; snapshot: SnapshotStep }
  | {
      type: 'rollback';
      target: string;
      snapshot?: SnapshotStep;
      wasRunning: boolean;
      serverName: string;
      dataPath: string;
    };

export interface PlanInput {
  kind: LifecycleAction;
  allowFreshStart: boolean;
  allowDataDivergence?: boolean;
  removeData?: boolean;
  removeSnapshots?: boolean;
  /** `snapshot`: the id to take; `rollback`: the snapshot to restore. */
  snapshotId?: string;
}

/**
 * Decide an action from the lifecycle table against the status Docker shows now: a stale
 * containerId or status is never trusted; whether a container exists comes from the agent's live
 * list, matched by the server-id label. Throws an ApiError to refuse (nothing has changed yet).
 */
export async function planAction(
  ctx: ManagerContext,
  server: ServerRecord,
  agent: AgentRecord,
  input: PlanInput,
): Promise<ActionPlan> {
  const dataPath = effectiveDataPath(server, agent);
  if (input.kind === 'delete' || input.kind === 'purge')
    return planRemove(ctx, server, agent, input);
  // Both questions travel together: the preflight costs one round trip, however it is decided.
  const mayNeedData = input.kind !== 'stop' && input.kind !== 'restart';
  const [listing, checks] = await Promise.all([
    listContainers(ctx, agent.id, server.id),
    mayNeedData ? checkDataLive(ctx, agent, [server]) : undefined,
  ]);
  const container = pickContainer(listing.byServer.get(server.id), server.containerId);
  // Drift decides too: recreate replaces a container that differs from the stored config.
  const drift = container ? containerDrift(server, agent, container, listing.imageEnv) : [];
  const status = observedStatus(server.status, container);
  const decision = decideAction(status, input.kind, true, drift.length > 0);
  if (!decision.allowed) throw refusalError(decision);
  const check = checks?.get(server.id);
  const snapshot = automaticSnapshot(server, dataPath, check, input, decision.route);
  // Recreate, restore and start-on-missing bring back the image that ran; rebuild updates it.
  const pinned = decision.image === 'pinned';
  const options = {
    allowFreshStart: input.allowFreshStart,
    dataGuards: decision.dataGuards,
    pinned,
  };
  switch (decision.route) {
    case 'recreate':
    case 'replace': {
      const recreate = prepareRecreate(ctx, server, agent, options, check);
      const allowDataDivergence = input.allowDataDivergence === true;
      refuseDivergedWorld(server, check, decision.dataGuards, allowDataDivergence);
      const healthyAfter = recreate.freshAtCheck
        ? null
        : allowDataDivergence
          ? (check?.fingerprint ?? undefined)
          : undefined;
      const extra = {
        ...(snapshot ? { snapshot } : {}),
        ...(healthyAfter !== undefined ? { healthyAfter } : {}),
      };
      if (decision.route === 'recreate') return { type: 'recreate', recreate, ...extra };
      const { spec, requireData } = recreate;
      const fixes = input.kind === 'recreate' ? { drift: drift.map((d) => d.field) } : {};
      return { type: 'replace', spec, requireData, ...fixes, ...extra };
    }
    case 'snapshot': {
      const live = { dataGuards: decision.dataGuards, allowFreshStart: false, live: true };
      if (!dataPath || dataGuardRefuses({ ...live, dataExists: check?.dataExists ?? null }))
        throw new DataMissingError(`${dataPath ?? '?'}/${server.name}/data`);
      const id = input.snapshotId ?? randomUUID();
      return {
        type: 'snapshot',
        snapshot: { id, reason: 'manual', serverName: server.name, dataPath },
      };
    }
    case 'rollback': {
      const target = loadRollbackTarget(ctx, server.id, input.snapshotId);
      if (!dataPath) throw new InvalidStateError('The server has no data path to restore into');
      return {
        type: 'rollback',
        target: target.id,
        ...(snapshot ? { snapshot } : {}),
        wasRunning: container?.running === true,
        serverName: server.name,
        dataPath,
      };
    }
    case 'remove':
      throw new InvalidStateError(`Unexpected route for ${input.kind}`);
    default:
      return { type: decision.route };
  }
}

/** Delete and purge: allowed from every status but deleted (checked on the stored status). */
async function planRemove(
  ctx: ManagerContext,
  server: ServerRecord,
  agent: AgentRecord,
  input: PlanInput,
): Promise<ActionPlan> {
  const removeData = input.kind === 'purge' && input.removeData === true;
  const removeSnapshots = input.kind === 'purge' && input.removeSnapshots === true;
  const dataPath = effectiveDataPath(server, agent);
  if (removeData && !dataPath) throw new InvalidStateError('The server has no data path to remove');
  // Only a purge that removes data needs to know whether there is a world to snapshot first.
  const check = removeData ? (await checkDataLive(ctx, agent, [server])).get(server.id) : undefined;
  const snapshot = automaticSnapshot(server, dataPath, check, input, 'remove');
  return {
    type: 'remove',
    removeData,
    dataPath: dataPath ?? '',
    ...(removeSnapshots ? { removeSnapshots } : {}),
    ...(snapshot ? { snapshot } : {}),
  };
}

/** The automatic snapshot of the lifecycle rule, when the live check found a world to protect. */
function automaticSnapshot(
  server: ServerRecord,
  dataPath: string | null,
  check: DataCheckItem | undefined,
  input: PlanInput,
  route: LifecycleRoute,
): SnapshotStep | undefined {
  const reason = automaticSnapshotReason({
    action: input.kind,
    route,
    imageChangePending: server.imageChangePending,
    removeData: input.removeData === true,
  });
  if (!reason || !dataPath || check?.dataExists !== true) return undefined;
  return { id: randomUUID(), reason, serverName: server.name, dataPath };
}
