import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { ChangePasswordRequest, LoginRequest, type UserResponse } from '@contract/http/auth';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords';
import { sessionCookieName } from '../auth/sessions';
import { toSessionUser } from '../db/users-repo';
import { InvalidCredentialsError, RateLimitedError } from '../domain/errors';
import { changeOwnPassword } from '../domain/own-password';
import { currentUser, type AppEnv, type HttpDeps } from './app-env';
import { requestOrigin } from './request-origin';
import { readBody } from './validate';

/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me, POST /api/auth/password */
export function authRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();

  app.post('/login', async (c) => {
    const body = await readBody(c, LoginRequest);
    const email = body.email.trim().toLowerCase();
    const origin = requestOrigin(c, deps.trustProxy);
    // Attempts are limited per address+email (guessing one account) and per address (spraying
    // many). Each is reserved before argon2 runs, so concurrent guesses cannot outrun the count.
    const attempt = deps.loginLimiter.reserve([
      { key: `${origin.clientAddress}|${email}` },
      { key: origin.clientAddress, factor: 5 },
    ]);
    if (!attempt.ok) throw new RateLimitedError(attempt.retryAfterSeconds);
    const user = deps.ctx.users.findByEmail(email);
    const ok = await verifyPassword(
      user?.passwordHash ?? (await dummyPasswordHash()),
      body.password,
    );
    // A disabled account answers like a wrong password, after the same argon2 work.
    if (!user || !ok || user.disabled) {
      deps.ctx.audit.record({ actor: email, action: 'auth.login', outcome: 'failed', details: {} });
      throw new InvalidCredentialsError();
    }
    attempt.release(); // only failures count
    const session = deps.sessions.start(user.id);
    deps.ctx.users.recordLogin(user.id);
    setCookie(c, sessionCookieName, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: origin.https,
      expires: session.expiresAt,
    });
    deps.ctx.audit.record({
      actor: user.email,
      action: 'auth.login',
      outcome: 'succeeded',
      details: {},
    });
    return c.json({ user: toSessionUser(user) } satisfies UserResponse);
  });

  app.post('/logout', (c) => {
    deps.sessions.end(c.get('sessionToken'));
    deps.ctx.audit.record({
      actor: currentUser(c).email,
      action: 'auth.logout',
      outcome: 'succeeded',
      details: {},
    });
    deleteCookie(c, sessionCookieName, { path: '/' });
    return c.body(null, 204);
  });

  app.get('/me', (c) => c.json({ user: currentUser(c) } satisfies UserResponse));

  app.post('/password', async (c) => {
    const user = currentUser(c);
    const body = await readBody(c, ChangePasswordRequest);
    // A stolen session must not become a way to guess the password: wrong guesses are counted.
    const attempt = deps.loginLimiter.reserve([{ key: `password-change|${user.id}` }]);
    if (!attempt.ok) throw new RateLimitedError(attempt.retryAfterSeconds);
    await changeOwnPassword(deps.ctx, user.id, c.get('sessionToken'), body);
    attempt.release();
    return c.body(null, 204);
  });

  return app;
}
