import type pino from 'pino';
import { Password } from '@contract/http/auth';
import { hashPassword } from './auth/passwords';
import { newSecret } from './auth/tokens';
import type { AuditRepo } from './db/audit-repo';
import type { UsersRepo } from './db/users-repo';

/** The manager cannot start as configured; the message says what to change. */
export class StartupConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupConfigError';
  }
}

/**
 * First start: create the admin from the given credentials, or generate a password and print it
 * once (the user is flagged so the dashboard asks them to change it). A given password shorter
 * than the rule for every password (contract `Password`) stops the start: a panel that manages
 * game servers must not begin with `admin / a`.
 */
export async function ensureAdmin(
  users: UsersRepo,
  audit: AuditRepo,
  logger: pino.Logger,
  email = 'admin@zedops.local',
  password?: string,
): Promise<void> {
  if (users.count() > 0) return;
  if (password !== undefined) {
    const checked = Password.safeParse(password);
    if (!checked.success)
      throw new StartupConfigError(
        `ZEDOPS_ADMIN_PASSWORD is refused: ${checked.error.issues[0]?.message ?? 'invalid'}. ` +
          'Set a longer one, or leave it unset to have a password generated and printed once.',
      );
  }
  const normalized = email.trim().toLowerCase();
  const secret = password ?? newSecret().slice(3, 23);
  users.create({
    email: normalized,
    passwordHash: await hashPassword(secret),
    role: 'admin',
    passwordGenerated: password === undefined,
  });
  audit.record({
    actor: 'system',
    action: 'user.created',
    outcome: 'succeeded',
    details: { email: normalized, role: 'admin' },
  });
  if (password === undefined) {
    // Printed once, on the terminal only: it is not stored anywhere in clear.
    process.stdout.write(
      `\nZedOps admin created: ${normalized} / ${secret}\n(save it now: it is shown only this once and stored only as a hash)\n\n`,
    );
    logger.warn({ email: normalized }, 'generated an admin password (printed above)');
  } else {
    logger.info({ email: normalized }, 'admin user created');
  }
}
