import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { AuditResponse } from '@contract/http/audit';
import {
  ApiClient,
  adminEmail,
  adminPassword,
  startTestManager,
  type TestManager,
} from '../testing/harness';

/** The login limit holds under concurrency: attempts are counted before the password check. */
describe('login rate limit under concurrent guesses', () => {
  let t: TestManager;
  let now = Date.parse('2030-01-01T00:00:00Z');

  beforeAll(async () => {
    t = await startTestManager({ now: () => now });
  });
  afterAll(async () => {
    await t.close();
  });

  it('200 simultaneous wrong passwords: at most 10 reach verification, the rest are 429, none is 200', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        new ApiClient(t.manager.url).call('POST', '/api/auth/login', {
          email: adminEmail,
          password: `wrong-guess-${i}`,
        }),
      ),
    );
    const count = (status: number) => guesses.filter((g) => g.status === status).length;
    expect(count(200)).toBe(0);
    expect(count(401)).toBeLessThanOrEqual(10);
    expect(count(401) + count(429)).toBe(200);
    for (const g of guesses.filter((r) => r.status === 429))
      expect(ApiErrorBody.parse(g.body).error.code).toBe('RATE_LIMITED');
    const { entries } = await t.admin.expect(200, AuditResponse, 'GET', '/api/audit?limit=500');
    const failed = entries.filter((e) => e.action === 'auth.login' && e.outcome === 'failed');
    expect(failed.length).toBe(count(401));
  });

  it('the right password is refused too until the window passes, then works', async () => {
    const client = new ApiClient(t.manager.url);
    const blocked = await client.call('POST', '/api/auth/login', {
      email: adminEmail,
      password: adminPassword,
    });
    expect(blocked.status).toBe(429);
    expect(ApiErrorBody.parse(blocked.body).error.details).toMatchObject({
      retryAfterSeconds: 60,
    });
    expect(client.cookie).toBeUndefined();
    now += 61_000;
    await client.login(adminEmail, adminPassword);
    expect((await client.call('GET', '/api/auth/me')).status).toBe(200);
  });
});
