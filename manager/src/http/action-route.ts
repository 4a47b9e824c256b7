import type { ServerActionResponse } from '@contract/http/servers';
import type { Permission } from '../auth/roles';
import { requestServerAction, type ActionInput } from '../domain/server-actions';
import { requirePermission, serverForUser, type AppContext } from './app-env';
import { readId } from './validate';
import type { ManagerContext } from '../domain/context';

type ActionFields = Omit<ActionInput, 'agentId' | 'serverId' | 'actor'>;

/**
 * The one shape of every action route on `/agents/:agentId/servers/:serverId…`: the role first,
 * then the ids and the body (`fields`, read only once the caller may act), the request through
 * the lifecycle table, and 202 with the server as this user may see it.
 */
export async function answerServerAction(
  c: AppContext,
  ctx: ManagerContext,
  permission: Permission,
  fields: () => ActionFields | Promise<ActionFields>,
) {
  const user = requirePermission(c, permission);
  const agentId = readId(c, 'agentId');
  const serverId = readId(c, 'serverId');
  const result = await requestServerAction(ctx, {
    ...(await fields()),
    agentId,
    serverId,
    actor: user.email,
  });
  return c.json(
    { ...result, server: serverForUser(c, result.server) } satisfies ServerActionResponse,
    202,
  );
}
