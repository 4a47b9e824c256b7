import { isSameOrInside } from '@contract/server-folders';
import type { AgentHello } from '../ws/agent-hub';
import type { ManagerContext } from './context';

/**
 * Stores what a (validated) hello says about the agent's folders: its default data path fills the
 * agent's when the admin set none, and its declared roots replace the previous declaration.
 * An agent older than `allowedRoots` declares just its default data path.
 */
export function recordDataRoots(ctx: ManagerContext, agentId: string, hello: AgentHello): void {
  if (hello.defaultDataPath) ctx.agents.adoptDefaultDataPath(agentId, hello.defaultDataPath);
  const declared = hello.allowedRoots ?? (hello.defaultDataPath ? [hello.defaultDataPath] : []);
  ctx.agents.setDeclaredRoots(agentId, declared);
  const agent = ctx.agents.findById(agentId);
  const defaultPath = agent?.serverDataPath;
  if (defaultPath && declared.length > 0 && !declared.some((r) => isSameOrInside(defaultPath, r))) {
    // The agent will refuse these folders itself; say why before the first create fails.
    ctx.logger.warn(
      { agentId, serverDataPath: defaultPath, declaredRoots: declared },
      "the agent's declared roots do not cover the data path set on the manager; its servers there will be refused by the agent",
    );
  }
}
