import { z } from '../zod';
import { EntityId, Timestamp } from '../common';
import { DataPath, ImageName } from './validation';

export const AgentStatus = z.enum(['online', 'offline', 'pending']);
export type AgentStatus = z.infer<typeof AgentStatus>;

export const Agent = z.object({
  id: EntityId,
  name: z.string(),
  /** pending: created, never connected; online: socket up; offline: was connected, is not now. */
  status: AgentStatus,
  lastSeenAt: z.nullable(Timestamp),
  serverDataPath: z.nullable(z.string()),
  /**
   * Roots a server's folder must lie inside: the default data path, the roots the agent declared
   * when it connected, and any an admin added (contract/server-folders.ts `combineAllowedRoots`).
   */
  allowedRoots: z.array(z.string()),
  defaultImage: z.nullable(z.string()),
  /** Why the agent is offline or degraded (e.g. "Docker engine unreachable"), when known. */
  statusReason: z.optional(z.nullable(z.string())),
});
export type Agent = z.infer<typeof Agent>;

/** GET /api/agents */
export const ListAgentsResponse = z.object({ agents: z.array(Agent) });
export type ListAgentsResponse = z.infer<typeof ListAgentsResponse>;

/** An agent's display name (unique). */
export const AgentName = z
  .string()
  .check(
    z.trim(),
    z.minLength(1),
    z.maxLength(64),
    z.regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'agent name: letters, digits, space . _ -'),
  );

/** Roots an admin adds on the manager (the host owner must allow them on the agent too). */
export const AdminRoots = z.array(DataPath).check(z.maxLength(32, 'at most 32 allowed roots'));

/** POST /api/agents (admin) */
export const CreateAgentRequest = z.strictObject({
  name: AgentName,
  serverDataPath: z.optional(DataPath),
  defaultImage: z.optional(ImageName),
  /** Extra roots server folders may lie under, besides the default data path. */
  allowedRoots: z.optional(AdminRoots),
});
export type CreateAgentRequest = z.infer<typeof CreateAgentRequest>;

/**
 * PATCH /api/agents/:agentId (admin) → 200 `{agent}`. `allowedRoots` replaces the roots admins
 * added (the default data path and the roots the agent declares stay allowed). A change that
 * would leave a server's folder outside the roots, or make two servers' folders overlap, is
 * refused like a create (DATA_PATH_NOT_ALLOWED, DATA_PATH_OVERLAP).
 */
export const UpdateAgentRequest = z
  .strictObject({
    name: z.optional(AgentName),
    serverDataPath: z.optional(DataPath),
    allowedRoots: z.optional(AdminRoots),
  })
  .check(
    z.refine(
      (b) => b.name !== undefined || b.serverDataPath !== undefined || b.allowedRoots !== undefined,
      { message: 'give name, serverDataPath or allowedRoots' },
    ),
  );
export type UpdateAgentRequest = z.infer<typeof UpdateAgentRequest>;

/**
 * POST /api/agents/:agentId/token (admin) → 200: a new registration token, shown once. The
 * current credential is revoked at once and the agent's socket closed (4401).
 */
export const RotateAgentTokenResponse = z.object({ registrationToken: z.string() });
export type RotateAgentTokenResponse = z.infer<typeof RotateAgentTokenResponse>;

/** A registration token is single-use and expires this long after it was issued. */
export const registrationTokenTtlMs = 24 * 60 * 60 * 1000;

/** POST /api/agents → 201; the registration token is shown once. */
export const CreateAgentResponse = z.object({ agent: Agent, registrationToken: z.string() });
export type CreateAgentResponse = z.infer<typeof CreateAgentResponse>;

/** GET /api/agents/:agentId */
export const AgentResponse = z.object({ agent: Agent });
export type AgentResponse = z.infer<typeof AgentResponse>;
