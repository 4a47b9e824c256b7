import { ServerActionResponse, type ServerAction } from '@contract/http/servers';
import { apiPaths } from '@contract/http/paths';
import { send, sendRefused } from './api';

/** POST a lifecycle action that must be accepted (202); returns the parsed reply. */
export async function act(
  agentId: string,
  serverId: string,
  action: ServerAction,
  body?: { allowFreshStart?: boolean },
) {
  const result = await send(
    ServerActionResponse,
    'POST',
    apiPaths.serverAction(agentId, serverId, action),
    body,
  );
  if (result.status !== 202) throw new Error(`${action} answered ${result.status}`);
  return result.body;
}

/** POST a lifecycle action that must be refused; returns status + error. */
export function actRefused(
  agentId: string,
  serverId: string,
  action: ServerAction,
  body?: { allowFreshStart?: boolean },
) {
  return sendRefused('POST', apiPaths.serverAction(agentId, serverId, action), body);
}
