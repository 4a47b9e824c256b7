import type { Agent } from '@contract/http/agents';
import {
  findFolderOverlap,
  findOverlappingPair,
  isInsideAllowedRoots,
  serverFolder,
} from '@contract/server-folders';
import type { StoreCore } from './core';
import { DataPathNotAllowedError, DataPathOverlapError } from './errors';

/**
 * The manager's folder rule (manager/src/domain/check-server-folder.ts), same order and codes:
 * outside the agent's allowed roots → DATA_PATH_NOT_ALLOWED; overlapping another server's
 * folder on the agent, deleted ones included → DATA_PATH_OVERLAP.
 */
export function assertServerFolderFree(
  core: StoreCore,
  agent: Agent,
  candidate: { name: string; dataPath: string | null; exceptServerId?: string },
): void {
  if (!candidate.dataPath) return;
  const folder = serverFolder(candidate.dataPath, candidate.name);
  if (!isInsideAllowedRoots(folder, agent.allowedRoots))
    throw new DataPathNotAllowedError(folder, agent.name, agent.allowedRoots);
  const others = core.state.servers.flatMap((s) => {
    const dataPath = s.serverDataPath ?? agent.serverDataPath;
    if (s.agentId !== agent.id || s.id === candidate.exceptServerId || !dataPath) return [];
    return [{ serverId: s.id, serverName: s.name, path: serverFolder(dataPath, s.name) }];
  });
  const other = findFolderOverlap(folder, others);
  if (other) throw new DataPathOverlapError(folder, other);
}

/** The manager's rule for an agent change (manager/src/domain/check-server-folder.ts): every server still fits. */
export function assertAgentFoldersFit(core: StoreCore, agent: Agent): void {
  const folders = core.state.servers.flatMap((s) => {
    const dataPath = s.serverDataPath ?? agent.serverDataPath;
    if (s.agentId !== agent.id || !dataPath) return [];
    return [{ serverId: s.id, serverName: s.name, path: serverFolder(dataPath, s.name) }];
  });
  const outside = folders.find((f) => !isInsideAllowedRoots(f.path, agent.allowedRoots));
  if (outside) throw new DataPathNotAllowedError(outside.path, agent.name, agent.allowedRoots);
  const pair = findOverlappingPair(folders);
  if (pair) throw new DataPathOverlapError(pair[1].path, pair[0]);
}
