import type { ContainerSpec } from '@contract/agent-protocol';
import { decideAction, observedStatus, type LifecycleAction } from '@contract/lifecycle';
import type { AgentRow } from '../db/agents-repo';
import type { ServerRecord } from '../db/servers-repo';
import { checkDataLive, listContainers, pickContainer } from './agent-calls';
import type { ManagerContext } from './context';
import { containerDrift } from './drift';
import { effectiveDataPath } from './effective-config';
import { InvalidStateError, refusalError } from './errors';
import { prepareRecreate, type RecreatePlan } from './recreate';

/** What an accepted action will do on the agent, decided from LIVE Docker state. */
export type ActionPlan =
  | { type: 'recreate'; recreate: RecreatePlan }
  | { type: 'start' | 'stop' | 'restart' }
  /** `drift`: the fields a recreate of a drifted container puts right (audited). */
  | { type: 'replace'; spec: ContainerSpec; requireData: boolean; drift?: string[] }
  | { type: 'remove'; removeData: boolean; dataPath: string };

export interface PlanInput {
  kind: LifecycleAction;
  allowFreshStart: boolean;
  removeData?: boolean;
}

/**
 * Decide an action from the lifecycle table against the status Docker shows now: a stale
 * containerId or status is never trusted; whether a container exists comes from the agent's live
 * list, matched by the server-id label. Throws an ApiError to refuse (nothing has changed yet).
 */
export async function planAction(
  ctx: ManagerContext,
  server: ServerRecord,
  agent: AgentRow,
  input: PlanInput,
): Promise<ActionPlan> {
  if (input.kind === 'delete' || input.kind === 'purge') {
    // Allowed from every status but deleted (checked on the stored status): no live list needed.
    const removeData = input.kind === 'purge' && input.removeData === true;
    const dataPath = effectiveDataPath(server, agent);
    if (removeData && !dataPath)
      throw new InvalidStateError('The server has no data path to remove');
    return { type: 'remove', removeData, dataPath: dataPath ?? '' };
  }
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
  // Recreate, restore and start-on-missing bring back the image that ran; rebuild updates it.
  const pinned = decision.image === 'pinned';
  const options = { allowFreshStart: input.allowFreshStart, dataGuard: decision.dataGuard, pinned };
  const check = checks?.get(server.id);
  switch (decision.route) {
    case 'recreate':
      return { type: 'recreate', recreate: prepareRecreate(ctx, server, agent, options, check) };
    case 'replace': {
      const recreate = prepareRecreate(ctx, server, agent, options, check);
      const { spec, requireData } = recreate;
      if (input.kind !== 'recreate') return { type: 'replace', spec, requireData };
      return { type: 'replace', spec, requireData, drift: drift.map((d) => d.field) };
    }
    case 'remove':
      throw new InvalidStateError(`Unexpected route for ${input.kind}`);
    default:
      return { type: decision.route };
  }
}
