import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { apiPaths } from '@contract/http/paths';
import {
  ApiClient,
  adminEmail,
  adminPassword,
  startTestManager,
  type TestManager,
} from '../testing/harness';

const wrongLogin = (client: ApiClient, headers: Record<string, string>) =>
  client.call('POST', apiPaths.login, { email: adminEmail, password: 'not-the-password' }, headers);
const codeOf = (res: { body: unknown }) => ApiErrorBody.parse(res.body).error.code;

describe('without ZEDOPS_TRUST_PROXY, forwarded headers are ignored', () => {
  let t: TestManager;
  beforeAll(async () => {
    const staticDir = mkdtempSync(join(tmpdir(), 'zedops-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>ZedOps</title>');
    t = await startTestManager({ staticDir });
  });
  afterAll(() => t.close());

  it('a claimed https proto sets neither a Secure cookie nor HSTS', async () => {
    const client = new ApiClient(t.manager.url);
    const res = await client.call(
      'POST',
      apiPaths.login,
      { email: adminEmail, password: adminPassword },
      { 'x-forwarded-proto': 'https' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).not.toMatch(/Secure/i);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('a forged X-Forwarded-Host does not pass the CSRF check', async () => {
    const res = await t.admin.call('POST', apiPaths.logout, undefined, {
      origin: 'https://evil.example',
      'x-forwarded-host': 'evil.example',
    });
    expect([res.status, codeOf(res)]).toEqual([403, 'CSRF_REJECTED']);
    expect((await t.admin.call('GET', apiPaths.me)).status).toBe(200);
  });

  it('a new X-Forwarded-For per attempt does not escape the per-address login limit', async () => {
    const client = new ApiClient(t.manager.url);
    const codes: string[] = [];
    for (let i = 0; i < 11; i++)
      codes.push(codeOf(await wrongLogin(client, { 'x-forwarded-for': `203.0.113.${i}` })));
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });

  it('every response carries a Content-Security-Policy, the dashboard included', async () => {
    for (const path of ['/', '/servers/x', apiPaths.me]) {
      const res = await fetch(t.manager.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toMatch(/script-src[^;]*unsafe/);
    }
  });
});

describe('with ZEDOPS_TRUST_PROXY=true, the proxy’s headers are used', () => {
  let t: TestManager;
  beforeAll(async () => {
    t = await startTestManager({ trustProxy: true });
  });
  afterAll(() => t.close());

  it('behind https: Secure cookie and HSTS; behind http: neither', async () => {
    const client = new ApiClient(t.manager.url);
    const body = { email: adminEmail, password: adminPassword };
    const https = await client.call('POST', apiPaths.login, body, { 'x-forwarded-proto': 'https' });
    expect(https.headers.get('set-cookie')).toMatch(/Secure/i);
    expect(https.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const http = await client.call('POST', apiPaths.login, body, { 'x-forwarded-proto': 'http' });
    expect(http.headers.get('set-cookie')).not.toMatch(/Secure/i);
    expect(http.headers.get('strict-transport-security')).toBeNull();
  });

  it('the login limit counts the real client: the right-most X-Forwarded-For entry', async () => {
    const client = new ApiClient(t.manager.url);
    const codes: string[] = [];
    // A client-supplied first entry changes each time; the proxy's (last) entry stays.
    for (let i = 0; i < 11; i++)
      codes.push(
        codeOf(await wrongLogin(client, { 'x-forwarded-for': `10.9.9.${i}, 198.51.100.7` })),
      );
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    const other = await wrongLogin(client, { 'x-forwarded-for': '198.51.100.8' });
    expect(codeOf(other)).toBe('INVALID_CREDENTIALS');
  });

  it('CSRF compares Origin with the forwarded host', async () => {
    const sameSite = await t.admin.call('GET', apiPaths.me);
    expect(sameSite.status).toBe(200);
    const viaProxy = await t.admin.call(
      'POST',
      apiPaths.changePassword,
      { currentPassword: 'wrong-one', newPassword: 'does-not-matter-1' },
      { origin: 'https://zedops.example.org', 'x-forwarded-host': 'zedops.example.org' },
    );
    expect(codeOf(viaProxy)).toBe('VALIDATION_FAILED'); // past the CSRF check
    const forged = await t.admin.call('POST', apiPaths.logout, undefined, {
      origin: 'https://evil.example',
      'x-forwarded-host': 'zedops.example.org',
    });
    expect([forged.status, codeOf(forged)]).toEqual([403, 'CSRF_REJECTED']);
  });
});
