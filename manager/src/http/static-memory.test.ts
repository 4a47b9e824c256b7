import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestManager, type TestManager } from '../testing/harness';
import { buildFiles } from './static-memory';

/** A script large enough to be gzipped (and different from its gzip). */
const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `"row ${i}"`).join(',')}];\n`;
const page =
  '<!doctype html><title>ZedOps</title><script type="module" src="/assets/app.js"></script>';

describe('the built dashboard answered from memory', () => {
  let t: TestManager;
  let dir: string;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(t.manager.url + path, { headers });
  /** The bytes as sent (fetch would decode the gzip). */
  const raw = (path: string, headers: Record<string, string>) =>
    new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      httpGet(t.manager.url + path, { headers }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
      }).on('error', reject);
    });
  /** The thread pool's gzip of each file is made after start: wait until it is served. */
  const gzipped = async (path: string) => {
    for (;;) {
      const res = await raw(path, { 'accept-encoding': 'gzip' });
      if (res.headers['content-encoding'] === 'gzip') return res;
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zedops-static-memory-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), page);
    writeFileSync(join(dir, 'assets', 'app.js'), script);
    writeFileSync(join(dir, 'assets', 'tiny.js'), 'console.log(1)');
    t = await startTestManager({ staticDir: dir });
  });
  afterAll(() => t.close());

  it('gzips a file for a client that accepts it, and sends it plain to one that does not', async () => {
    const zipped = await gzipped('/assets/app.js');
    expect(zipped.headers['content-type']).toMatch(/javascript/);
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(zipped.body.length).toBeLessThan(script.length);
    expect(gunzipSync(zipped.body).toString()).toBe(script);

    const plain = await get('/assets/app.js', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
    // fetch asks for gzip by default; Node's fetch decodes it: same text either way.
    expect(await (await get('/assets/app.js')).text()).toBe(script);
  });

  it('sends small files as they are, and index.html for / and for client routes', async () => {
    const tiny = await get('/assets/tiny.js', { 'accept-encoding': 'gzip' });
    expect(tiny.headers.get('content-encoding')).toBeNull();
    expect(await tiny.text()).toBe('console.log(1)');
    for (const path of ['/', '/index.html', '/servers/some-id']) {
      const res = await get(path);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toBe(page);
    }
    const head = await fetch(t.manager.url + '/assets/tiny.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('14');
  });

  it('reads a file changed on disk again, and serves a file added after start from disk', async () => {
    const changed = script.replace('row 0', 'row zero');
    writeFileSync(join(dir, 'assets', 'app.js'), changed);
    utimesSync(join(dir, 'assets', 'app.js'), new Date(), new Date(Date.now() + 5_000));
    const plain = await get('/assets/app.js', { 'accept-encoding': 'identity' });
    expect(await plain.text()).toBe(changed);
    expect(gunzipSync((await gzipped('/assets/app.js')).body).toString()).toBe(changed);

    writeFileSync(join(dir, 'assets', 'later.js'), 'console.log(2)');
    expect(await (await get('/assets/later.js')).text()).toBe('console.log(2)');
  });

  it('a range request, a path out of the folder and a missing file behave as before', async () => {
    const range = await get('/assets/tiny.js', { range: 'bytes=0-6' });
    expect(range.status).toBe(206);
    expect(await range.text()).toBe('console');
    expect((await get('/assets/missing.js')).status).toBe(404);
    // Never a file out of the folder: under the built files' folder a path that is no file is
    // missing (not the page, which would be kept for good there).
    const escape = await get('/assets/..%2f..%2fetc%2fpasswd');
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toMatch(/root:/);
    expect(await (await get('/assets/%2e%2e/%2e%2e/package.json')).text()).not.toMatch(/"name"/);
    const api = await get('/api/nothing-here');
    expect(api.status).toBe(401);
  });
});

describe('what is kept in memory', () => {
  it('only the files at the top and in assets/, none too big: a folder set to the wrong place is never read whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zedops-static-kept-'));
    mkdirSync(join(dir, 'assets', 'deeper'), { recursive: true });
    mkdirSync(join(dir, 'home', 'someone'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), page);
    writeFileSync(join(dir, 'assets', 'app.js'), script);
    writeFileSync(join(dir, 'assets', 'deeper', 'x.js'), script);
    writeFileSync(join(dir, 'home', 'someone', 'notes.txt'), 'private');
    writeFileSync(join(dir, 'assets', 'huge.bin'), Buffer.alloc(9 * 1024 * 1024));
    expect(
      buildFiles(dir)
        .map(([path]) => path)
        .sort(),
    ).toEqual(['/assets/app.js', '/index.html']);
  });
});
