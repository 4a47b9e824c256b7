import type { AgentRow, AgentsRepo } from '../db/agents-repo';
import { digestsEqual, newSecret, sha256 } from '../auth/tokens';

export interface AgentAuthResult {
  agent: AgentRow;
  /** True when the agent used its registration token (it gets a credential in `welcome`). */
  viaRegistrationToken: boolean;
}

/**
 * Who presents this token? Registration token or issued credential, compared in constant time
 * against every agent (agents are few). No side effects. See docs/decisions/0005-agent-credentials.md.
 */
export function authenticateAgentToken(
  agents: AgentsRepo,
  token: string,
): AgentAuthResult | undefined {
  const digest = sha256(token);
  let byCredential: AgentRow | undefined;
  let byToken: AgentRow | undefined;
  for (const agent of agents.list()) {
    if (agent.credential_hash && digestsEqual(agent.credential_hash, digest)) byCredential = agent;
    if (agent.token_hash && digestsEqual(agent.token_hash, digest)) byToken = agent;
  }
  if (byCredential) return { agent: byCredential, viaRegistrationToken: false };
  return byToken ? { agent: byToken, viaRegistrationToken: true } : undefined;
}

/** A new long-lived credential for the agent (replaces any earlier one); returned once, stored hashed. */
export function issueAgentCredential(agents: AgentsRepo, agentId: string): string {
  const credential = newSecret();
  agents.setCredential(agentId, sha256(credential));
  return credential;
}
