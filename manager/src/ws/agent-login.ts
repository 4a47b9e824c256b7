import type pino from 'pino';
import type { WebSocket } from 'ws';
import type { z } from 'zod';
import {
  agentCloseCodes,
  agentProtocolVersion,
  HelloFrame,
  helloDataPathProblem,
} from '@contract/agent-protocol';
import type { AgentRecord, AgentsRepo } from '../db/agents-repo';
import { StorageUnavailableError } from '../domain/errors';
import { authenticateAgentToken, exchangeRegistrationToken } from './agent-auth';

export type AgentHello = z.infer<typeof HelloFrame>;

/** A socket's hello that checked out: who it is and, after a registration-token login, its new credential. */
export interface AgentLogin {
  agent: AgentRecord;
  hello: AgentHello;
  credential?: string;
}

export interface AgentLoginDeps {
  agents: AgentsRepo;
  logger: pino.Logger;
  now: () => number;
}

/**
 * Checks a socket's first frame: a valid hello, a known token (a registration token unused and
 * unexpired, or a credential), our protocol version, sane data paths. A refusal is told to the
 * socket and closes it (undefined is returned). A registration token is traded for a credential
 * here, in one write, before the socket counts as connected: a credential we could not keep is
 * no login (docs/decisions/0005-agent-credentials.md).
 */
export function checkAgentHello(
  ws: WebSocket,
  text: string | undefined,
  deps: AgentLoginDeps,
): AgentLogin | undefined {
  const parsed = HelloFrame.safeParse(safeJson(text));
  if (!parsed.success) {
    ws.close(agentCloseCodes.badFrame, 'expected hello');
    return undefined;
  }
  const hello = parsed.data;
  const auth = authenticateAgentToken(deps.agents, hello.token, deps.now());
  if (!auth) return refuseToken(ws, deps.logger, hello.hostname);
  if (hello.protocolVersion !== agentProtocolVersion) {
    const message = `Manager speaks protocol ${agentProtocolVersion}`;
    ws.send(JSON.stringify({ type: 'rejected', code: 'PROTOCOL_MISMATCH', message }));
    ws.close(agentCloseCodes.badFrame, 'protocol mismatch');
    return undefined;
  }
  // Checked only for an authenticated agent: a stranger learns nothing about path rules.
  const pathProblem = helloDataPathProblem(hello);
  if (pathProblem) {
    deps.logger.warn({ agentId: auth.agent.id, pathProblem }, 'agent hello refused');
    ws.send(JSON.stringify({ type: 'rejected', code: 'BAD_HELLO', message: pathProblem }));
    ws.close(agentCloseCodes.badFrame, 'bad hello');
    return undefined;
  }
  if (!auth.viaRegistrationToken) return { agent: auth.agent, hello };
  try {
    const credential = exchangeRegistrationToken(deps.agents, auth.agent.id, hello.token);
    if (!credential) return refuseToken(ws, deps.logger, hello.hostname);
    return { agent: auth.agent, hello, credential };
  } catch (err) {
    if (!(err instanceof StorageUnavailableError)) throw err;
    deps.logger.warn(
      { agentId: auth.agent.id, code: err.sqliteCode },
      'agent hello deferred: storage unavailable',
    );
    ws.close(agentCloseCodes.tryAgainLater, 'manager storage unavailable; reconnect later');
    return undefined;
  }
}

function refuseToken(ws: WebSocket, logger: pino.Logger, hostname: string): undefined {
  logger.warn({ hostname }, 'agent presented an invalid token');
  const message = 'Unknown, used, expired or revoked agent token';
  ws.send(JSON.stringify({ type: 'rejected', code: 'INVALID_TOKEN', message }));
  ws.close(agentCloseCodes.invalidToken, 'invalid token');
  return undefined;
}

function safeJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
