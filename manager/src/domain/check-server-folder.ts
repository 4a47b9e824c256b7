import {
  findFolderOverlap,
  findOverlappingPair,
  isInsideAllowedRoots,
  serverFolder,
} from '@contract/server-folders';
import { allowedRootsOf, type AgentRecord } from '../db/agents-repo';
import type { ManagerContext } from './context';
import { DataPathNotAllowedError, DataPathOverlapError } from './errors';

/**
 * Refuses a server folder `{dataPath}/{name}` outside the agent's allowed roots (400
 * DATA_PATH_NOT_ALLOWED) or overlapping another server's folder on that agent, deleted servers
 * included (409 DATA_PATH_OVERLAP). Call it inside the transaction that stores the server, so
 * two concurrent requests cannot both pass. A null data path is left to the caller (no folder yet).
 */
export function assertServerFolderFree(
  ctx: ManagerContext,
  agent: AgentRecord,
  candidate: { name: string; dataPath: string | null; exceptServerId?: string },
): void {
  if (!candidate.dataPath) return;
  const folder = serverFolder(candidate.dataPath, candidate.name);
  const roots = allowedRootsOf(agent);
  if (!isInsideAllowedRoots(folder, roots))
    throw new DataPathNotAllowedError(folder, agent.name, roots);
  const others = ctx.servers.folderRefs(agent.id).flatMap((s) => {
    const dataPath = s.serverDataPath ?? agent.serverDataPath;
    if (s.id === candidate.exceptServerId || !dataPath) return [];
    return [{ serverId: s.id, serverName: s.name, path: serverFolder(dataPath, s.name) }];
  });
  const other = findFolderOverlap(folder, others);
  if (other) throw new DataPathOverlapError(folder, other);
}

/**
 * Refuses an agent change (default data path, allowed roots) after which a server's folder would
 * lie outside the agent's roots or two servers' folders would overlap: the same two rules as a
 * create, checked for every server of the agent that is not purged. `agent` is the row as it
 * would be after the change; call it inside the transaction that stores the change.
 */
export function assertAgentFoldersFit(ctx: ManagerContext, agent: AgentRecord): void {
  const roots = allowedRootsOf(agent);
  const folders = ctx.servers.folderRefs(agent.id).flatMap((s) => {
    const dataPath = s.serverDataPath ?? agent.serverDataPath;
    return dataPath
      ? [{ serverId: s.id, serverName: s.name, path: serverFolder(dataPath, s.name) }]
      : [];
  });
  const outside = folders.find((f) => !isInsideAllowedRoots(f.path, roots));
  if (outside) throw new DataPathNotAllowedError(outside.path, agent.name, roots);
  const pair = findOverlappingPair(folders);
  if (pair) throw new DataPathOverlapError(pair[1].path, pair[0]);
}
