import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateAgentResponse } from '@contract/http/agents';
import { inColumns, serverCountHeader } from '@contract/http/list-shape';
import { ListServersResponse } from '@contract/http/servers';
import { seedServers } from '../testing/seed-servers';
import { startTestManager, type TestManager } from '../testing/harness';
import { compressFromBytes } from './compress';

type Raw = { status: number; headers: IncomingHttpHeaders; body: Buffer };

describe('compressed responses', () => {
  let t: TestManager;
  let agentId: string;
  const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zedops-compress-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ZedOps</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), script);
    t = await startTestManager({ staticDir: dir });
    ({
      agent: { id: agentId },
    } = await t.admin.expect(201, CreateAgentResponse, 'POST', '/api/agents', { name: 'host-z' }));
    seedServers(t.dataDir, agentId, 40);
  });
  afterAll(() => t.close());

  /** A request whose body arrives as sent (fetch would decompress it behind our back). */
  const raw = (path: string, headers: Record<string, string> = {}) =>
    new Promise<Raw>((resolve, reject) => {
      const req = request(
        `${t.manager.url}${path}`,
        { headers: { cookie: t.admin.cookie ?? '', ...headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });

  it('sends a big JSON answer gzipped, with its length, Vary, the server count and the security headers', async () => {
    const plain = await raw('/api/servers');
    const zipped = await raw('/api/servers', { 'accept-encoding': 'gzip, deflate, br' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(compressFromBytes * 10);
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 4);
    expect(gunzipSync(zipped.body).toString()).toBe(plain.body.toString());
    expect(ListServersResponse.parse(JSON.parse(plain.body.toString())).servers).toHaveLength(40);
    // The count comes in the headers, before the body (the dashboard loads the grid's code on it).
    const zippedColumns = await raw(inColumns('/api/servers'), { 'accept-encoding': 'gzip' });
    expect(zippedColumns.headers['content-encoding']).toBe('gzip');
    for (const res of [plain, zipped, zippedColumns])
      expect(res.headers[serverCountHeader.toLowerCase()]).toBe('40');
    for (const res of [plain, zipped]) {
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it('leaves small answers, refusals and clients that do not take gzip alone', async () => {
    const me = await raw('/api/auth/me', { 'accept-encoding': 'gzip' });
    expect(me.status).toBe(200);
    expect(me.body.length).toBeLessThan(compressFromBytes);
    expect(me.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(me.body.toString())).toMatchObject({ user: { role: 'admin' } });

    const missing = await raw('/api/servers/no-such-server', { 'accept-encoding': 'gzip' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-encoding']).toBeUndefined();
    // An error answer declares its length (so it is not read back to be measured), truly.
    expect(missing.headers['content-length']).toBe(String(missing.body.length));
    expect(missing.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(missing.body.toString())).toMatchObject({ error: { code: 'NOT_FOUND' } });

    for (const refused of ['identity', 'gzip;q=0', 'br', 'gzip;q=0, *;q=1', '*;q=0', ',;;q=x'])
      expect(
        (await raw('/api/servers', { 'accept-encoding': refused })).headers['content-encoding'],
        refused,
      ).toBeUndefined();
    expect(
      (await raw('/api/servers', { 'accept-encoding': '*' })).headers['content-encoding'],
    ).toBe('gzip');
  });

  it('leaves the dashboard’s files to the dashboard’s handler (gzipped once, not per request)', async () => {
    // static-memory.test.ts: plain until the handler's one gzip of the file is made, then that.
    const js = await raw('/assets/app.js', { 'accept-encoding': 'gzip' });
    expect(js.headers['content-type']).toMatch(/javascript/);
    const gzipped = js.headers['content-encoding'] === 'gzip';
    expect((gzipped ? gunzipSync(js.body) : js.body).toString()).toBe(script);
    expect((await raw('/assets/missing.js', { 'accept-encoding': 'gzip' })).status).toBe(404);
  });

  it('does not compress the answer to a HEAD request', async () => {
    const head = await new Promise<IncomingHttpHeaders>((resolve, reject) =>
      request(
        `${t.manager.url}/api/servers`,
        { method: 'HEAD', headers: { cookie: t.admin.cookie ?? '', 'accept-encoding': 'gzip' } },
        (res) => resolve(res.headers),
      )
        .on('error', reject)
        .end(),
    );
    expect(head['content-encoding']).toBeUndefined();
  });

  it('never compresses the live event stream: each event arrives as it is sent', async () => {
    const controller = new AbortController();
    const res = await fetch(`${t.manager.url}/api/events`, {
      headers: { cookie: t.admin.cookie ?? '', 'accept-encoding': 'gzip' },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('content-encoding')).toBeNull();
    // Nor let a proxy in front of the manager buffer it.
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(': connected');
    const { servers } = await t.admin.expect(200, ListServersResponse, 'GET', '/api/servers');
    await t.admin.call('PATCH', `/api/agents/${agentId}/servers/${servers[0]!.id}`, {
      autoRecreate: true,
    });
    await readUntil('event: server.updated');
    controller.abort();
  });
});
