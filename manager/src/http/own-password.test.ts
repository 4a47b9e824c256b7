import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { apiPaths } from '@contract/http/paths';
import { UserAccountResponse } from '@contract/http/users';
import { ApiClient, startTestManager, type TestManager } from '../testing/harness';

describe('POST /api/auth/password: any signed-in user changes their own password', () => {
  let t: TestManager;
  const email = 'operator@test.local';
  let current = 'first-password-1';

  beforeAll(async () => {
    t = await startTestManager();
    await t.admin.expect(201, UserAccountResponse, 'POST', apiPaths.users, {
      email,
      password: current,
      role: 'viewer',
    });
  });
  afterAll(() => t.close());

  const signIn = async (password = current) => {
    const client = new ApiClient(t.manager.url);
    await client.login(email, password);
    return client;
  };
  const refusal = (res: { status: number; body: unknown }) => [
    res.status,
    ApiErrorBody.parse(res.body).error.code,
  ];

  it('a wrong current password is 400 VALIDATION_FAILED and changes nothing', async () => {
    const client = await signIn();
    const res = await client.call('POST', apiPaths.changePassword, {
      currentPassword: 'not-my-password',
      newPassword: 'second-password-2',
    });
    expect(refusal(res)).toEqual([400, 'VALIDATION_FAILED']);
    await signIn(current);
  });

  it('a new password under 12 characters, the same as the current one, or extra fields: 400', async () => {
    const client = await signIn();
    for (const body of [
      { currentPassword: current, newPassword: 'short-pw' },
      { currentPassword: current, newPassword: current },
      { currentPassword: current, newPassword: 'second-password-2', userId: 'x' },
      { newPassword: 'second-password-2' },
    ]) {
      const res = await client.call('POST', apiPaths.changePassword, body);
      expect(refusal(res), JSON.stringify(body)).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('ends the other sessions, keeps this one; only the new password signs in', async () => {
    const [here, elsewhere] = [await signIn(), await signIn()];
    const next = 'second-password-2';
    const res = await here.call('POST', apiPaths.changePassword, {
      currentPassword: current,
      newPassword: next,
    });
    expect(res.status).toBe(204);
    expect((await here.call('GET', apiPaths.me)).status).toBe(200);
    expect((await elsewhere.call('GET', apiPaths.me)).status).toBe(401);
    const old = await new ApiClient(t.manager.url).call('POST', apiPaths.login, {
      email,
      password: current,
    });
    expect(refusal(old)).toEqual([401, 'INVALID_CREDENTIALS']);
    current = next;
    await signIn(next);
  });

  it('needs a session (401) and counts wrong guesses (429 after 10)', async () => {
    const anonymous = new ApiClient(t.manager.url);
    const body = { currentPassword: 'x', newPassword: 'whatever-password' };
    expect(refusal(await anonymous.call('POST', apiPaths.changePassword, body))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    // A user of its own: earlier tests' wrong guesses count against `email`.
    await t.admin.expect(201, UserAccountResponse, 'POST', apiPaths.users, {
      email: 'guesser@test.local',
      password: 'guesser-password',
      role: 'viewer',
    });
    const client = new ApiClient(t.manager.url);
    await client.login('guesser@test.local', 'guesser-password');
    const codes: string[] = [];
    for (let i = 0; i < 11; i++)
      codes.push(
        ApiErrorBody.parse(
          (
            await client.call('POST', apiPaths.changePassword, {
              currentPassword: `guess-${i}`,
              newPassword: 'whatever-password',
            })
          ).body,
        ).error.code,
      );
    expect(codes.slice(0, 10).every((c) => c === 'VALIDATION_FAILED')).toBe(true);
    expect(codes[10]).toBe('RATE_LIMITED');
  });
});
