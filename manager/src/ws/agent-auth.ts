import type { AgentRecord, AgentsRepo } from '../db/agents-repo';
import { digestsEqual, newSecret, sha256 } from '../auth/tokens';

export interface AgentAuthResult {
  agent: AgentRecord;
  /** True when the agent used its registration token (it gets a credential in `welcome`). */
  viaRegistrationToken: boolean;
}

/** A registration token works until it is used or expires (docs/decisions/0062-agent-tokens.md). */
function tokenUsable(agent: AgentRecord, now: number): boolean {
  return agent.tokenExpiresAt !== null && Date.parse(agent.tokenExpiresAt) > now;
}

/**
 * Who presents this token? Registration token (unused, unexpired) or issued credential, compared
 * in constant time against every agent (agents are few). No side effects. See
 * docs/decisions/0005-agent-credentials.md.
 */
export function authenticateAgentToken(
  agents: AgentsRepo,
  token: string,
  now: number = Date.now(),
): AgentAuthResult | undefined {
  const digest = sha256(token);
  let byCredential: AgentRecord | undefined;
  let byToken: AgentRecord | undefined;
  for (const agent of agents.list()) {
    if (agent.credentialHash && digestsEqual(agent.credentialHash, digest)) byCredential = agent;
    if (agent.tokenHash && digestsEqual(agent.tokenHash, digest) && tokenUsable(agent, now))
      byToken = agent;
  }
  if (byCredential) return { agent: byCredential, viaRegistrationToken: false };
  return byToken ? { agent: byToken, viaRegistrationToken: true } : undefined;
}

/**
 * Trade a registration token for a new long-lived credential (replacing any earlier one); the
 * token is used up in the same write. Returns the credential once (stored hashed), or undefined
 * when the token was used up meanwhile.
 */
export function exchangeRegistrationToken(
  agents: AgentsRepo,
  agentId: string,
  registrationToken: string,
): string | undefined {
  const credential = newSecret();
  return agents.exchangeToken(agentId, sha256(registrationToken), sha256(credential))
    ? credential
    : undefined;
}
