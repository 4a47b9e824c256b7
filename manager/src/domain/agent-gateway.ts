import type { AgentCommand, CommandResult, ListPart } from '@contract/agent-protocol';
import type { OperationProgress } from '@contract/http/operations';

export interface AgentRequestOptions {
  /** The operation served, sent along so a late reply can still be recorded against it. */
  operationId?: string;
  timeoutMs: number;
  onProgress?: (progress: OperationProgress) => void;
  /** A `container.list` asked for in parts: each part once validated, before the whole result. */
  onPart?: (part: ListPart) => void;
}

/**
 * How the domain reaches agents: implemented by the WebSocket hub (ws/agent-hub.ts); the domain
 * never touches sockets or frames.
 */
export interface AgentGateway {
  /** True when the agent has an authenticated connection. */
  isConnected(agentId: string): boolean;
  /** Close the agent's socket at once with 4401: its credential was revoked. */
  revoke(agentId: string, reason: string): void;
  /** Send a command and await its contract-validated result; rejects with an AgentOperationError. */
  request<N extends AgentCommand['name']>(
    agentId: string,
    command: Extract<AgentCommand, { name: N }>,
    options: AgentRequestOptions,
  ): Promise<CommandResult<N>>;
}
