import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { chromiumPath, launchChromium } from './chromium';
import { CreateAgentResponse } from '../contract/http/agents';
import { FakeHost, ScriptedAgent } from '../manager/src/testing/scripted-agent';
import { seedServers } from '../manager/src/testing/seed-servers';
import { benchAdmin, startManagerProcess } from './manager-process';
import { endPageTrace, startPageTrace } from './page-trace';

export interface RenderResult {
  servers: number;
  /** Navigation start → the first server card painted (a frame after it is in the DOM). */
  firstCardMs: number;
  /** Navigation start → the main thread free again after that (the page answers input). */
  interactiveMs: number;
  /** A container destroyed on the host → its card shows Missing (agent event, manager, live stream, DOM). */
  statusToDomMs: number;
  /**
   * The same as `firstCardMs` on a return visit in the same browser: the page's scripts come from
   * its cache, as for someone who opens the dashboard daily (the third load, when Chromium also
   * has their compiled code). The first figure is a browser's first visit ever.
   */
  returnFirstCardMs: number;
}

const dataPath = '/srv/bench';

/** Null when the dashboard is not built or there is no Chromium: the row says why. */
export function renderBenchProblem(): string | null {
  if (!existsSync('dist/frontend/index.html')) return 'run `npm run build` first';
  if (!existsSync(chromiumPath)) return `no Chromium at ${chromiumPath} (CHROMIUM_PATH)`;
  return null;
}

/**
 * `n` running servers on one agent (a scripted agent reports their containers), the built
 * dashboard in Chromium: time the overview's first render, then one server's status change
 * from the host to the card.
 */
export async function benchRender(n: number): Promise<RenderResult> {
  const m = await startManagerProcess({ staticDir: resolve('dist/frontend') });
  const browser = await launchChromium();
  let agent: ScriptedAgent | undefined;
  try {
    const created = await m.admin.expect(201, CreateAgentResponse, 'POST', '/api/agents', {
      name: 'bench-host',
      serverDataPath: dataPath,
      defaultImage: 'bench/zomboid',
    });
    const seeded = seedServers(m.dataDir, created.agent.id, n);
    const host = new FakeHost();
    for (const s of seeded) {
      host.dataDirs.add(`${dataPath}/${s.name}`);
      host.addContainer({ serverId: s.id, serverName: s.name });
    }
    // The page opens on a settled fleet, as a user finds it: connected and reconciled (every
    // seeded container id replaced by the host's, every data check stored after the connect).
    const since = new Date().toISOString();
    agent = await ScriptedAgent.connect(m.url, created.registrationToken, {
      host,
      defaultDataPath: dataPath,
    });
    const db = new Database(join(m.dataDir, 'zedops.db'), { readonly: true });
    const unsettled = db.prepare(
      "SELECT COUNT(*) AS c FROM servers WHERE container_id LIKE 'seeded-%' OR data_checked_at < ?",
    );
    while ((unsettled.get(since) as { c: number }).c > 0)
      await new Promise((r) => setTimeout(r, 20));
    db.close();

    const context = await browser.newContext({ baseURL: m.url });
    const login = await context.request.post('/api/auth/login', { data: benchAdmin });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const page = await context.newPage();
    const trace = await startPageTrace(context, page, `overview-${n}`);
    await page.goto('/', { waitUntil: 'commit' });
    const firstCardMs = await firstCardAt(page);
    await endPageTrace(trace, page, `overview-${n}`);
    const interactiveMs = await page.evaluate(
      () => new Promise<number>((r) => setTimeout(() => r(performance.now()), 0)),
    );

    // The first card on screen: its container goes; the card must say Missing.
    const name = await page
      .locator('[role="article"]')
      .first()
      .getAttribute('aria-label')
      .then((label) => label!.replace(/^Server /, ''));
    const target = seeded.find((s) => s.name === name)!;
    // Found before the clock starts: the fake host describes every one of its containers to
    // find a server's (half a second at 10,000), which is the harness's time, not the product's.
    const [container] = agent.host.containersOf(target.id);
    const t0 = performance.now();
    agent.host.containers.delete(container!.id);
    agent.pushEvent('destroy', container!);
    await page.waitForFunction(
      (label) =>
        document.querySelector(`[aria-label="${label}"]`)?.textContent?.includes('Missing'),
      `Server ${name}`,
      { polling: 'raf', timeout: 30_000 },
    );
    const statusToDomMs = performance.now() - t0;

    let returnFirstCardMs = 0;
    for (let visit = 0; visit < 2; visit++) {
      await page.goto('about:blank');
      await page.goto('/', { waitUntil: 'commit' });
      returnFirstCardMs = await firstCardAt(page);
    }
    await context.close();
    return { servers: n, firstCardMs, interactiveMs, statusToDomMs, returnFirstCardMs };
  } finally {
    await agent?.disconnect();
    await browser.close();
    await m.stop();
  }
}

/**
 * When the page first had a server card: the page's clock (ms from navigation) in the animation
 * frame that found it in the DOM, which that frame then paints. Read in that frame, not by
 * asking the page afterwards: a page still busy after its first card (rendering the rest)
 * answers a later question late, and that wait is not the card's.
 */
async function firstCardAt(page: Page): Promise<number> {
  const found = await page.waitForFunction(
    () => document.querySelector('[role="article"]') !== null && performance.now(),
    null,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await found.jsonValue()) as number;
}
