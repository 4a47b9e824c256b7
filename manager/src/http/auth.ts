import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { LoginRequest, type UserResponse } from '@contract/http/auth';
import { dummyPasswordHash, verifyPassword } from '../auth/passwords';
import { sessionCookieName } from '../auth/sessions';
import { InvalidCredentialsError, RateLimitedError } from '../domain/errors';
import { currentUser, type AppEnv, type HttpDeps } from './app-env';
import { clientAddress } from './middleware';
import { readBody } from './validate';

/** POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me */
export function authRoutes(deps: HttpDeps) {
  const app = new Hono<AppEnv>();

  app.post('/login', async (c) => {
    const body = await readBody(c, LoginRequest);
    const email = body.email.trim().toLowerCase();
    // Attempts are limited per address+email (guessing one account) and per address (spraying
    // many). Each is reserved before argon2 runs, so concurrent guesses cannot outrun the count.
    const attempt = deps.loginLimiter.reserve([
      { key: `${clientAddress(c)}|${email}` },
      { key: clientAddress(c), factor: 5 },
    ]);
    if (!attempt.ok) throw new RateLimitedError(attempt.retryAfterSeconds);
    const user = deps.ctx.users.findByEmail(email);
    const ok = await verifyPassword(
      user?.passwordHash ?? (await dummyPasswordHash()),
      body.password,
    );
    if (!user || !ok) {
      deps.ctx.audit.record({ actor: email, action: 'auth.login', outcome: 'failed', details: {} });
      throw new InvalidCredentialsError();
    }
    attempt.release(); // only failures count
    const session = deps.sessions.start(user.id);
    setCookie(c, sessionCookieName, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
      expires: session.expiresAt,
    });
    deps.ctx.audit.record({
      actor: user.email,
      action: 'auth.login',
      outcome: 'succeeded',
      details: {},
    });
    return c.json({
      user: { id: user.id, email: user.email, role: user.role },
    } satisfies UserResponse);
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

  return app;
}
