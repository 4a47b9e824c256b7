import type { ChangePasswordRequest, Role, User } from '@contract/http/auth';
import type { CreateUserRequest, UpdateUserRequest, UserAccount } from '@contract/http/users';
import type { StoreCore } from './core';
import {
  InvalidCredentialsError,
  LastAdminError,
  NameTakenError,
  NotFoundError,
  UnauthenticatedError,
  ValidationFailedError,
} from './errors';
import type { StoredUser } from './state';

const sessionView = (u: StoredUser): User => ({
  id: u.id,
  email: u.email,
  role: u.role,
  generatedPassword: u.generatedPassword,
});
const accountView = (u: StoredUser): UserAccount => ({
  id: u.id,
  email: u.email,
  role: u.role,
  disabled: u.disabled,
  createdAt: u.createdAt,
  lastLoginAt: u.lastLoginAt,
});
const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const isActiveAdmin = (u: Pick<StoredUser, 'role' | 'disabled'>) =>
  u.role === 'admin' && !u.disabled;

function stored(core: StoreCore, userId: string): StoredUser {
  const user = core.state.users.find((u) => u.id === userId);
  if (!user) throw new NotFoundError('User not found');
  return user;
}

/** The store keeps one session: ending a user's sessions signs them out if they are the one. */
function endSessionsOf(core: StoreCore, userId: string): void {
  if (core.state.sessionUserId === userId) core.state.sessionUserId = null;
}

/** Refuses (409 LAST_ADMIN) a change that would leave no active admin: the manager's rule. */
function assertAdminLeft(core: StoreCore, user: StoredUser, after: StoredUser | null): void {
  if (!isActiveAdmin(user) || (after && isActiveAdmin(after))) return;
  const others = core.state.users.filter((u) => u.id !== user.id && isActiveAdmin(u));
  if (others.length === 0) throw new LastAdminError(user.email);
}

/** Checks the credentials and makes that user the (single) signed-in session. */
export function login(core: StoreCore, email: string, password: string): User {
  const user = core.state.users.find(
    (u) => u.email === email.trim().toLowerCase() && u.password === password && !u.disabled,
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
  user.lastLoginAt = core.now();
  core.audit({ action: 'auth.login', outcome: 'succeeded', actor: user.email });
  return sessionView(user);
}

export function logout(core: StoreCore): void {
  core.state.sessionUserId = null;
  core.changed();
}

/** The signed-in user, or null (a disabled user has no session). */
export function sessionUser(core: StoreCore): User | null {
  const user = core.state.users.find((u) => u.id === core.state.sessionUserId && !u.disabled);
  return user ? sessionView(user) : null;
}

/** Test helper: sign in as the first user with this role without a login request. */
export function signInAs(core: StoreCore, role: Role): User {
  const user = core.state.users.find((u) => u.role === role && !u.disabled);
  if (!user) throw new Error(`no fixture user with role ${role}`);
  core.state.sessionUserId = user.id;
  core.changed();
  return sessionView(user);
}

export function listUsers(core: StoreCore): UserAccount[] {
  return core.state.users.map(accountView);
}

export function createUser(core: StoreCore, req: CreateUserRequest, actor: string): UserAccount {
  if (core.state.users.some((u) => u.email === req.email)) {
    throw new NameTakenError(`A user with email ${req.email} already exists`, { field: 'email' });
  }
  const user: StoredUser = {
    id: core.newId('user'),
    email: req.email,
    role: req.role,
    password: req.password,
    disabled: false,
    createdAt: core.now(),
    lastLoginAt: null,
    generatedPassword: false,
  };
  core.state.users.push(user);
  core.audit({
    action: 'user.created',
    outcome: 'succeeded',
    actor,
    details: { email: user.email, role: user.role },
  });
  return accountView(user);
}

/** PATCH /api/users/:userId: disabling or demoting signs the user out. */
export function updateUser(
  core: StoreCore,
  userId: string,
  patch: UpdateUserRequest,
  actor: string,
): UserAccount {
  const user = stored(core, userId);
  const after = {
    ...user,
    role: patch.role ?? user.role,
    disabled: patch.disabled ?? user.disabled,
  };
  assertAdminLeft(core, user, after);
  const changes: Record<string, unknown> = {};
  if (after.role !== user.role) changes.role = { from: user.role, to: after.role };
  if (after.disabled !== user.disabled) changes.disabled = after.disabled;
  if ((after.disabled && !user.disabled) || rank[after.role] < rank[user.role])
    endSessionsOf(core, userId);
  Object.assign(user, { role: after.role, disabled: after.disabled });
  core.audit({
    action: 'user.updated',
    outcome: 'succeeded',
    actor,
    details: { email: user.email, ...changes },
  });
  return accountView(user);
}

export function deleteUser(core: StoreCore, userId: string, actor: string): void {
  const user = stored(core, userId);
  assertAdminLeft(core, user, null);
  core.state.users = core.state.users.filter((u) => u.id !== userId);
  endSessionsOf(core, userId);
  core.audit({
    action: 'user.deleted',
    outcome: 'succeeded',
    actor,
    details: { email: user.email, role: user.role },
  });
}

/** POST /api/users/:userId/password: the user is signed out. */
export function resetPassword(
  core: StoreCore,
  userId: string,
  newPassword: string,
  actor: string,
): void {
  const user = stored(core, userId);
  Object.assign(user, { password: newPassword, generatedPassword: false });
  endSessionsOf(core, userId);
  core.audit({
    action: 'user.password_reset',
    outcome: 'succeeded',
    actor,
    details: { email: user.email },
  });
}

/** POST /api/auth/password: a wrong current password is 400 VALIDATION_FAILED. */
export function changeOwnPassword(core: StoreCore, req: ChangePasswordRequest): void {
  const current = sessionUser(core);
  if (!current) throw new UnauthenticatedError();
  const user = stored(core, current.id);
  if (user.password !== req.currentPassword) {
    core.audit({
      action: 'auth.password_changed',
      outcome: 'failed',
      actor: user.email,
      details: { reason: 'wrong current password' },
    });
    throw new ValidationFailedError('The current password is wrong', { field: 'currentPassword' });
  }
  Object.assign(user, { password: req.newPassword, generatedPassword: false });
  core.audit({ action: 'auth.password_changed', outcome: 'succeeded', actor: user.email });
}
