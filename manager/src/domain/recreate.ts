import type { ContainerSpec, DataCheckItem } from '@contract/agent-protocol';
import { dataGuardRefuses, type DataGuard } from '@contract/lifecycle';
import type { AgentRecord } from '../db/agents-repo';
import type { ServerRecord } from '../db/servers-repo';
import type { ManagerContext } from './context';
import { buildContainerSpec } from './effective-config';
import { DataMissingError } from './errors';

/**
 * THE recreate routine (docs/design.md §3) behind create, recreate, start-on-missing,
 * rebuild-without-container, restore and queued-on-reconnect. Steps 1–3 are here and answer the
 * refusal (DATA_MISSING) synchronously; steps 4–6 (create on the agent, record, audit) run as the
 * operation in operation-runner.ts.
 */
export interface RecreatePlan {
  spec: ContainerSpec;
  /** The agent must refuse if the data is absent (it double-checks our guard). */
  requireData: boolean;
  /** Data was absent at the check (a fresh world will be created; allowed by the caller). */
  freshAtCheck: boolean;
}

/** The first create of a new server IS a fresh start; if the folder already holds data the agent keeps it. */
export function firstCreatePlan(server: ServerRecord, agent: AgentRecord): RecreatePlan {
  return { spec: buildContainerSpec(server, agent), requireData: false, freshAtCheck: true };
}

/**
 * Steps 1–3: stored config → the LIVE data check (`check`, just asked of the agent) → data guard.
 * Changes nothing on refusal.
 */
export function prepareRecreate(
  ctx: ManagerContext,
  server: ServerRecord,
  agent: AgentRecord,
  options: { allowFreshStart: boolean; dataGuards: readonly DataGuard[]; pinned: boolean },
  check: DataCheckItem | undefined,
): RecreatePlan {
  const spec = buildContainerSpec(server, agent, options.pinned);
  const dataExists = check?.dataExists === true;
  if (
    dataGuardRefuses({
      dataGuards: options.dataGuards,
      dataExists,
      allowFreshStart: options.allowFreshStart,
      live: true,
    })
  )
    throw new DataMissingError(`${spec.dataPath}/${server.name}/data`);
  if (check?.marker === 'mismatch')
    ctx.logger.warn(
      { serverId: server.id },
      'data folder carries another server id marker; using it as is',
    );
  return { spec, requireData: !options.allowFreshStart, freshAtCheck: !dataExists };
}
