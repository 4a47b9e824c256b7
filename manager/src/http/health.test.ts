import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { HealthResponse } from '@contract/http/health';
import { apiPaths } from '@contract/http/paths';
import { ApiClient, startTestManager, type TestManager } from '../testing/harness';

const packageVersion = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

describe('GET /api/health', () => {
  let t: TestManager;
  beforeAll(async () => {
    t = await startTestManager();
  });
  afterAll(() => t.close());

  it('answers without a session: status and the package version, nothing else', async () => {
    const anonymous = new ApiClient(t.manager.url);
    const res = await anonymous.call('GET', apiPaths.health);
    expect(res.status).toBe(200);
    // strictObject: any extra field (a secret, a path, a count) fails the parse.
    expect(HealthResponse.parse(res.body)).toEqual({ status: 'ok', version: packageVersion });
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('a forged or stale session cookie and a cross-site origin change nothing', async () => {
    const res = await new ApiClient(t.manager.url).call(
      'GET',
      `${apiPaths.health}?x=<script>`,
      undefined,
      {
        cookie: 'zedops_session=forged-token',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
    );
    expect(res.status).toBe(200);
    expect(HealthResponse.parse(res.body).status).toBe('ok');
  });

  it('only GET is open: other methods on the path and paths below it still need a session', async () => {
    const anonymous = new ApiClient(t.manager.url);
    for (const [method, path] of [
      ['POST', apiPaths.health],
      ['DELETE', apiPaths.health],
      ['GET', `${apiPaths.health}/secret`],
      ['GET', '/api/healthz'],
    ] as const) {
      const res = await anonymous.call(method, path);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(ApiErrorBody.parse(res.body).error.code).toBe('UNAUTHENTICATED');
    }
  });
});
