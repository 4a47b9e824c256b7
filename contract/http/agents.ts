import { z } from 'zod';
import { EntityId, Timestamp } from '../common';
import { DataPath, ImageName } from './validation';

export const AgentStatus = z.enum(['online', 'offline', 'pending']);
export type AgentStatus = z.infer<typeof AgentStatus>;

export const Agent = z.object({
  id: EntityId,
  name: z.string(),
  /** pending: created, never connected; online: socket up; offline: was connected, is not now. */
  status: AgentStatus,
  lastSeenAt: Timestamp.nullable(),
  serverDataPath: z.string().nullable(),
  /**
   * Roots a server's folder must lie inside: the default data path, the roots the agent declared
   * when it connected, and any an admin added (contract/server-folders.ts `combineAllowedRoots`).
   */
  allowedRoots: z.array(z.string()),
  defaultImage: z.string().nullable(),
  /** Why the agent is offline or degraded (e.g. "Docker engine unreachable"), when known. */
  statusReason: z.string().nullable().optional(),
});
export type Agent = z.infer<typeof Agent>;

/** GET /api/agents */
export const ListAgentsResponse = z.object({ agents: z.array(Agent) });
export type ListAgentsResponse = z.infer<typeof ListAgentsResponse>;

/** POST /api/agents (admin) */
export const CreateAgentRequest = z.strictObject({
  name: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'agent name: letters, digits, space . _ -'),
  serverDataPath: DataPath.optional(),
  defaultImage: ImageName.optional(),
});
export type CreateAgentRequest = z.infer<typeof CreateAgentRequest>;

/** POST /api/agents → 201; the registration token is shown once. */
export const CreateAgentResponse = z.object({ agent: Agent, registrationToken: z.string() });
export type CreateAgentResponse = z.infer<typeof CreateAgentResponse>;

/** GET /api/agents/:agentId */
export const AgentResponse = z.object({ agent: Agent });
export type AgentResponse = z.infer<typeof AgentResponse>;
