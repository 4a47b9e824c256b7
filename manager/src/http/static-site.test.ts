import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestManager, type TestManager } from '../testing/harness';

describe('serving the built dashboard', () => {
  let t: TestManager;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zedops-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ZedOps</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await startTestManager({ staticDir: dir });
  });
  afterAll(() => t.close());

  it('serves files, falls back to index.html for client routes, 404s missing files, keeps /api JSON', async () => {
    const get = (p: string) => fetch(t.manager.url + p);
    expect(await (await get('/')).text()).toContain('ZedOps');
    expect(await (await get('/servers/some-id')).text()).toContain('ZedOps');
    expect((await get('/assets/app.js')).headers.get('content-type')).toMatch(/javascript/);
    expect((await get('/assets/missing.js')).status).toBe(404);
    const api = await get('/api/nothing-here');
    expect(api.status).toBe(401);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets a browser keep the hashed files for good, and asks it to check the page each visit', async () => {
    const get = (p: string) => fetch(t.manager.url + p);
    const asset = await get('/assets/app.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const page of ['/', '/index.html', '/servers/some-id'])
      expect((await get(page)).headers.get('cache-control'), page).toBe('no-cache');
    // Nothing else is kept: not a missing file, not the API, not the favicon-like files at the root.
    expect((await get('/assets/missing.js')).headers.get('cache-control')).toBeNull();
    // Not the page either, under the files' folder: a route there would be kept for good.
    for (const missing of ['/assets/nothing', '/assets/'])
      expect((await get(missing)).status, missing).toBe(404);
    expect(String((await get('/api/auth/me')).headers.get('cache-control'))).not.toMatch(
      /immutable/,
    );
    expect((await get('/favicon.svg')).headers.get('cache-control')).toBeNull();
  });
});

describe('a dashboard folder that is not there', () => {
  it('serves the API alone, and says so once: the page is a 404, the API answers as ever', async () => {
    const missing = join(tmpdir(), 'zedops-no-dashboard-here');
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const t = await startTestManager({ staticDir: missing, logger });
    try {
      const page = await fetch(t.manager.url + '/');
      expect(page.status).toBe(404);
      const text = await page.text();
      expect(text).toContain('npm run build');
      expect(text).not.toContain(missing); // the folder is the log's to say, not every visitor's
      expect((await fetch(t.manager.url + '/api/health')).status).toBe(200);
      const said = lines.filter((l) => l.includes('no dashboard built there'));
      expect(said).toHaveLength(1);
      expect(said[0]).toContain(missing);
    } finally {
      await t.close();
    }
  });
});
