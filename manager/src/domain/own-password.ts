import type { ChangePasswordRequest } from '@contract/http/auth';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { sha256 } from '../auth/tokens';
import type { ManagerContext } from './context';
import { UnauthenticatedError, ValidationError } from './errors';

/**
 * POST /api/auth/password: the signed-in user proves the current password and sets a new one.
 * Every other session of theirs ends (a thief's copy of the cookie included); this one stays.
 * A wrong current password is 400 VALIDATION_FAILED and changes nothing.
 */
export async function changeOwnPassword(
  ctx: ManagerContext,
  userId: string,
  sessionToken: string | undefined,
  body: ChangePasswordRequest,
): Promise<void> {
  const user = ctx.users.findById(userId);
  if (!user) throw new UnauthenticatedError();
  if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
    ctx.audit.record({
      actor: user.email,
      action: 'auth.password_changed',
      outcome: 'failed',
      details: { reason: 'wrong current password' },
    });
    throw new ValidationError('The current password is wrong', { field: 'currentPassword' });
  }
  const passwordHash = await hashPassword(body.newPassword);
  ctx.db.transaction(() => {
    if (!ctx.users.findById(userId)) throw new UnauthenticatedError(); // deleted meanwhile
    ctx.users.setPassword(userId, passwordHash);
    ctx.sessions.deleteForUser(userId, sessionToken ? sha256(sessionToken) : undefined);
  })();
  ctx.events.emit('sessions.ended', { userId });
  ctx.audit.record({
    actor: user.email,
    action: 'auth.password_changed',
    outcome: 'succeeded',
    details: {},
  });
}
