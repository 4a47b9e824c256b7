import type pino from 'pino';
import { hashPassword } from './auth/passwords';
import { newSecret } from './auth/tokens';
import type { AuditRepo } from './db/audit-repo';
import type { UsersRepo } from './db/users-repo';

/** First start: create the admin from the given credentials, or generate a password and print it once. */
export async function ensureAdmin(
  users: UsersRepo,
  audit: AuditRepo,
  logger: pino.Logger,
  email = 'admin@zedops.local',
  password?: string,
): Promise<void> {
  if (users.count() > 0) return;
  const normalized = email.trim().toLowerCase();
  const secret = password ?? newSecret().slice(3, 23);
  users.create(normalized, await hashPassword(secret), 'admin');
  audit.record({
    actor: 'system',
    action: 'user.created',
    outcome: 'succeeded',
    details: { email: normalized, role: 'admin' },
  });
  if (!password) {
    // Printed once, on the terminal only: it is not stored anywhere in clear.
    process.stdout.write(
      `\nZedOps admin created: ${normalized} / ${secret}\n(save it now: it is shown only this once and stored only as a hash)\n\n`,
    );
    logger.warn({ email: normalized }, 'generated an admin password (printed above)');
  } else {
    logger.info({ email: normalized }, 'admin user created');
  }
}
