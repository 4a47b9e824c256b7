import type { Agent, CreateAgentRequest, CreateAgentResponse } from '@contract/http/agents';
import type { Role, User } from '@contract/http/auth';
import type { CreateUserRequest } from '@contract/http/users';
import { combineAllowedRoots } from '@contract/server-folders';
import type { StoreCore } from './core';
import { InvalidCredentialsError, NameTakenError } from './errors';

const publicUser = ({ id, email, role }: User): User => ({ id, email, role });

/** Checks the credentials and makes that user the (single) signed-in session. */
export function login(core: StoreCore, email: string, password: string): User {
  const user = core.state.users.find(
    (u) => u.email === email.trim().toLowerCase() && u.password === password,
  );
  if (!user) {
    core.audit({
      action: 'auth.login',
      outcome: 'failed',
      actor: email.slice(0, 254),
      details: {},
    });
    throw new InvalidCredentialsError();
  }
  core.state.sessionUserId = user.id;
  core.audit({ action: 'auth.login', outcome: 'succeeded', actor: user.email });
  return publicUser(user);
}

export function logout(core: StoreCore): void {
  core.state.sessionUserId = null;
  core.changed();
}

/** The signed-in user, or null. */
export function sessionUser(core: StoreCore): User | null {
  const user = core.state.users.find((u) => u.id === core.state.sessionUserId);
  return user ? publicUser(user) : null;
}

/** Test helper: sign in as the first user with this role without a login request. */
export function signInAs(core: StoreCore, role: Role): User {
  const user = core.state.users.find((u) => u.role === role);
  if (!user) throw new Error(`no fixture user with role ${role}`);
  core.state.sessionUserId = user.id;
  core.changed();
  return publicUser(user);
}

export function listUsers(core: StoreCore): User[] {
  return core.state.users.map(publicUser);
}

export function createUser(core: StoreCore, req: CreateUserRequest, actor: string): User {
  if (core.state.users.some((u) => u.email === req.email)) {
    throw new NameTakenError(`A user with email ${req.email} already exists`, { field: 'email' });
  }
  const user = { id: core.newId('user'), email: req.email, role: req.role, password: req.password };
  core.state.users.push(user);
  core.audit({
    action: 'user.created',
    outcome: 'succeeded',
    actor,
    details: { email: user.email, role: user.role },
  });
  return publicUser(user);
}

/** POST /api/agents: a pending agent and its one-time registration token. */
export function createAgent(
  core: StoreCore,
  req: CreateAgentRequest,
  actor: string,
): CreateAgentResponse {
  if (core.state.agents.some((a) => a.name === req.name)) {
    throw new NameTakenError(`An agent named ${req.name} already exists`, { field: 'name' });
  }
  const agent: Agent = {
    id: core.newId('agent'),
    name: req.name,
    status: 'pending',
    lastSeenAt: null,
    serverDataPath: req.serverDataPath ?? null,
    // Until the agent connects it allows what the admin created it with.
    allowedRoots: combineAllowedRoots({
      defaultDataPath: req.serverDataPath ?? null,
      declared: null,
      admin: null,
    }),
    defaultImage: req.defaultImage ?? null,
    statusReason: 'Waiting for the agent to connect',
  };
  core.state.agents.push(agent);
  core.audit({
    action: 'agent.created',
    outcome: 'succeeded',
    actor,
    agentId: agent.id,
    details: { name: agent.name },
  });
  core.emitAgent(agent);
  return { agent: { ...agent }, registrationToken: `zedops-reg-${core.newId('tok')}` };
}
