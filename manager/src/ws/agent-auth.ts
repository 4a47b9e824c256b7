import type { AgentRow, AgentsRepo } from '../db/agents-repo';
import { digestsEqual, newSecret, sha256 } from '../auth/tokens';

export interface AgentAuthResult {
  agent: AgentRow;
  /** Set when the agent used its registration token: a new long-lived credential for `welcome`. */
  credential?: string;
}

/**
 * Who presents this token? Registration token or issued credential, compared in constant time
 * against every agent (agents are few). See docs/decisions/0005-agent-credentials.md.
 */
export function authenticateAgentToken(agents: AgentsRepo, token: string): AgentAuthResult | undefined {
  const digest = sha256(token);
  let byCredential: AgentRow | undefined;
  let byToken: AgentRow | undefined;
  for (const agent of agents.list()) {
    if (agent.credential_hash && digestsEqual(agent.credential_hash, digest)) byCredential = agent;
    if (agent.token_hash && digestsEqual(agent.token_hash, digest)) byToken = agent;
  }
  if (byCredential) return { agent: byCredential };
  if (!byToken) return undefined;
  const credential = newSecret();
  agents.setCredential(byToken.id, sha256(credential));
  return { agent: byToken, credential };
}
