import type { Role } from '@contract/http/auth';
import type { CreateUserRequest, UpdateUserRequest, UserAccount } from '@contract/http/users';
import { hashPassword } from '../auth/passwords';
import { UniqueConstraintError } from '../db/storage-guard';
import { toUserAccount, type UserRecord } from '../db/users-repo';
import type { ManagerContext } from './context';
import { LastAdminError, NameTakenError, NotFoundError } from './errors';

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

const isActiveAdmin = (user: Pick<UserRecord, 'role' | 'disabled'>) =>
  user.role === 'admin' && !user.disabled;

function loadUser(ctx: ManagerContext, userId: string): UserRecord {
  const user = ctx.users.findById(userId);
  if (!user) throw new NotFoundError('User');
  return user;
}

/**
 * Runs `change` in one IMMEDIATE transaction and refuses it (rolled back, 409 LAST_ADMIN) when
 * it took away the last active admin. The count is taken after the change, inside the same
 * transaction, so two requests demoting the last two admins cannot both pass.
 */
function guardLastAdmin<T>(ctx: ManagerContext, user: UserRecord, change: () => T): T {
  return ctx.db
    .transaction(() => {
      const result = change();
      const after = ctx.users.findById(user.id);
      const removedAnAdmin = isActiveAdmin(user) && (!after || !isActiveAdmin(after));
      if (removedAnAdmin && ctx.users.countActiveAdmins() === 0)
        throw new LastAdminError(user.email);
      return result;
    })
    .immediate();
}

/** POST /api/users: a taken email is 409 NAME_TAKEN, also when two requests race. */
export async function createUserAccount(
  ctx: ManagerContext,
  input: CreateUserRequest,
  actor: string,
): Promise<UserAccount> {
  const taken = () =>
    new NameTakenError(`A user with email ${input.email} already exists`, 'email');
  if (ctx.users.findByEmail(input.email)) throw taken();
  const passwordHash = await hashPassword(input.password);
  let user: UserRecord;
  try {
    // Another request may have taken the email while argon2 ran: the UNIQUE index decides.
    user = ctx.users.create({ email: input.email, passwordHash, role: input.role });
  } catch (err) {
    if (err instanceof UniqueConstraintError) throw taken();
    throw err;
  }
  ctx.audit.record({
    actor,
    action: 'user.created',
    outcome: 'succeeded',
    details: { email: user.email, role: user.role },
  });
  return toUserAccount(user);
}

/** PATCH /api/users/:userId: disabling or demoting ends every session of the user. */
export function updateUserAccount(
  ctx: ManagerContext,
  userId: string,
  patch: UpdateUserRequest,
  actor: string,
): UserAccount {
  const before = loadUser(ctx, userId);
  const after = guardLastAdmin(ctx, before, () => {
    ctx.users.update(userId, patch);
    const updated = loadUser(ctx, userId);
    const disabled = updated.disabled && !before.disabled;
    const demoted = rank[updated.role] < rank[before.role];
    if (disabled || demoted) ctx.sessions.deleteForUser(userId);
    return updated;
  });
  ctx.events.emit('sessions.ended', { userId });
  const changes: Record<string, unknown> = {};
  if (after.role !== before.role) changes.role = { from: before.role, to: after.role };
  if (after.disabled !== before.disabled) changes.disabled = after.disabled;
  ctx.audit.record({
    actor,
    action: 'user.updated',
    outcome: 'succeeded',
    details: { email: after.email, ...changes },
  });
  return toUserAccount(after);
}

/** DELETE /api/users/:userId: the user's sessions go with the row. */
export function deleteUserAccount(ctx: ManagerContext, userId: string, actor: string): void {
  const user = loadUser(ctx, userId);
  guardLastAdmin(ctx, user, () => ctx.users.delete(userId));
  ctx.events.emit('sessions.ended', { userId });
  ctx.audit.record({
    actor,
    action: 'user.deleted',
    outcome: 'succeeded',
    details: { email: user.email, role: user.role },
  });
}

/** POST /api/users/:userId/password: a new password set by an admin ends every session of the user. */
export async function resetUserPassword(
  ctx: ManagerContext,
  userId: string,
  newPassword: string,
  actor: string,
): Promise<void> {
  loadUser(ctx, userId);
  const passwordHash = await hashPassword(newPassword);
  const user = ctx.db.transaction(() => {
    const current = loadUser(ctx, userId); // deleted while argon2 ran → 404
    ctx.users.setPassword(userId, passwordHash);
    ctx.sessions.deleteForUser(userId);
    return current;
  })();
  ctx.events.emit('sessions.ended', { userId });
  ctx.audit.record({
    actor,
    action: 'user.password_reset',
    outcome: 'succeeded',
    details: { email: user.email },
  });
}
