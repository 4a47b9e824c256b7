import type { ContainerSpec } from '@contract/agent-protocol';
import type { OperationKind } from '@contract/http/operations';
import type { AgentRow } from '../db/agents-repo';
import type { ServerRow } from '../db/servers-repo';
import { listContainersByServer, pickContainer } from './agent-calls';
import type { ManagerContext } from './context';
import { effectiveDataPath } from './effective-config';
import { InvalidStateError, NoContainerError } from './errors';
import { prepareRecreate, type RecreatePlan } from './recreate';

/** What an accepted action will do on the agent, decided from LIVE Docker state. */
export type ActionPlan =
  | { type: 'recreate'; recreate: RecreatePlan }
  | { type: 'start' | 'stop' | 'restart' }
  | { type: 'replace'; spec: ContainerSpec; requireData: boolean }
  | { type: 'remove'; removeData: boolean; dataPath: string };

export interface PlanInput {
  kind: OperationKind;
  allowFreshStart: boolean;
  removeData?: boolean;
}

/**
 * Decide an action (DESIGN.md §3 action rules). A stale containerId is never trusted: whether a
 * container exists comes from the agent's live list, matched by the server-id label.
 * Throws an ApiError to refuse (nothing has changed yet).
 */
export async function planAction(
  ctx: ManagerContext,
  server: ServerRow,
  agent: AgentRow,
  input: PlanInput,
): Promise<ActionPlan> {
  const allowFreshStart = input.allowFreshStart;
  switch (input.kind) {
    case 'delete':
    case 'purge': {
      const removeData = input.kind === 'purge' && input.removeData === true;
      const dataPath = effectiveDataPath(server, agent);
      if (removeData && !dataPath)
        throw new InvalidStateError('The server has no data path to remove');
      return { type: 'remove', removeData, dataPath: dataPath ?? '' };
    }
    case 'restore':
    case 'create':
      return {
        type: 'recreate',
        recreate: await prepareRecreate(ctx, server, agent, {
          allowFreshStart,
          firstCreate: input.kind === 'create',
        }),
      };
    default:
      break;
  }
  const container = pickContainer(
    (await listContainersByServer(ctx, agent.id)).get(server.id),
    server.container_id,
  );
  switch (input.kind) {
    case 'start':
      if (container?.running) throw new InvalidStateError('The server is already running');
      if (container) return { type: 'start' };
      return {
        type: 'recreate',
        recreate: await prepareRecreate(ctx, server, agent, { allowFreshStart }),
      };
    case 'stop':
    case 'restart':
      if (!container) throw new NoContainerError();
      return { type: input.kind };
    case 'rebuild': {
      const recreate = await prepareRecreate(ctx, server, agent, { allowFreshStart });
      // Container gone → the recreate routine; never a 400 for a missing container (REFERENCE bug #1).
      if (!container) return { type: 'recreate', recreate };
      return { type: 'replace', spec: recreate.spec, requireData: recreate.requireData };
    }
    case 'recreate':
      if (container)
        throw new InvalidStateError(
          'A container exists for this server; use rebuild to replace it from the stored config',
        );
      return {
        type: 'recreate',
        recreate: await prepareRecreate(ctx, server, agent, { allowFreshStart }),
      };
    default:
      throw new InvalidStateError(`Unknown action ${input.kind}`);
  }
}
