import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { CreateAgentResponse } from '../contract/http/agents';
import { seedServers } from '../manager/src/testing/seed-servers';
import { bundleSizes } from './bundle-bench';
import { benchAdmin, startManagerProcess, type ManagerProcess } from './manager-process';
import { launchChromium } from './chromium';

export interface LoadedPage {
  page: string;
  /** The dashboard's JavaScript files Chromium fetched, and their gzip size together. */
  files: string[];
  gzipBytes: number;
}

/**
 * The check on `firstPages()` (bench/bundle-bench.ts), which reads the build: the built dashboard
 * in Chromium, and the JavaScript it really fetches until the page is shown and the network is
 * quiet. Signed out at `/` (the login page), then signed in at `/` with a host of 10 servers and
 * with a host of `largeHost` (its grid virtualised: that chunk loads once the list is in).
 */
export async function benchFirstPageInBrowser(largeHost = 100): Promise<LoadedPage[]> {
  const gzip = new Map(bundleSizes()!.chunks.map((c) => [c.file, c.gzipBytes]));
  const m = await startManagerProcess({ staticDir: resolve('dist/frontend') });
  const browser = await launchChromium();
  const load = async (page: string, signedIn: boolean, shown: (p: Page) => Promise<unknown>) => {
    const context = await browser.newContext({ baseURL: m.url });
    if (signedIn) await context.request.post('/api/auth/login', { data: benchAdmin });
    const tab = await context.newPage();
    const files = new Set<string>();
    tab.on('response', (r) => {
      const file = /\/assets\/([^/?]+\.js)$/.exec(r.url())?.[1];
      if (file) files.add(file);
    });
    await tab.goto('/');
    await shown(tab);
    await tab.waitForLoadState('networkidle');
    await context.close();
    const sorted = [...files].sort();
    return { page, files: sorted, gzipBytes: sorted.reduce((n, f) => n + (gzip.get(f) ?? 0), 0) };
  };
  const cards = (p: Page) =>
    p.waitForFunction(() => document.querySelector('[role="article"]') !== null);
  try {
    const pages = [
      await load('signed out at / (login)', false, (p) =>
        p.getByRole('heading', { name: 'Sign in to ZedOps' }).waitFor(),
      ),
    ];
    await seedHost(m, 'small-host', 10, 2000);
    pages.push(await load('signed in at /, a host of 10 servers', true, cards));
    await seedHost(m, 'large-host', largeHost, 3000);
    pages.push(await load(`signed in at /, a host of ${largeHost} servers`, true, cards));
    return pages;
  } finally {
    await browser.close();
    await m.stop();
  }
}

async function seedHost(m: ManagerProcess, name: string, servers: number, firstPort: number) {
  const created = await m.admin.expect(201, CreateAgentResponse, 'POST', '/api/agents', {
    name,
    serverDataPath: `/srv/${name}`,
    defaultImage: 'bench/zomboid',
  });
  seedServers(m.dataDir, created.agent.id, servers, firstPort);
}
