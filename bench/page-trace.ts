import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';

/**
 * `ZEDOPS_BENCH_TRACE=<folder>`: what the page did until its first card, for profiling a render
 * row — a table of the navigation, every request and performance mark (start, first byte, end,
 * in ms from navigation), and by `ZEDOPS_BENCH_TRACE_KIND`:
 * - `profile` (the default): a Chromium CPU profile (open it in the browser's DevTools);
 * - `timeline`: a Chromium trace (script evaluation, style, layout, paint; of every process);
 * - `timings`: nothing more. The profiler and the trace slow the page down (on this 2-core
 *   machine the first card came 1.5–2 × later), so figures to compare come from this kind.
 * Off by default.
 */
const folder = process.env.ZEDOPS_BENCH_TRACE;
const kind = process.env.ZEDOPS_BENCH_TRACE_KIND ?? 'profile';

export async function startPageTrace(
  context: BrowserContext,
  page: Page,
  name: string,
): Promise<CDPSession | undefined> {
  if (!folder) return undefined;
  const cdp = await context.newCDPSession(page);
  if (kind === 'timeline')
    await context.browser()!.startTracing(page, {
      path: join(folder, `${name}.trace.json`),
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'loading'],
    });
  if (kind === 'profile') {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  return cdp;
}

export async function endPageTrace(
  cdp: CDPSession | undefined,
  page: Page,
  name: string,
): Promise<void> {
  if (!cdp || !folder) return;
  if (kind === 'timeline') await page.context().browser()!.stopTracing();
  if (kind === 'profile') {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(join(folder, `${name}.cpuprofile`), JSON.stringify(profile));
  }
  // Plain values out of the page (a function defined inside it would need the bundler's helpers).
  const entries = await page.evaluate(() =>
    [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
      ...performance.getEntriesByType('mark'),
    ].map((e) => [
      e.startTime,
      (e as PerformanceResourceTiming).responseStart ?? 0,
      (e as PerformanceResourceTiming).responseEnd ?? 0,
      e.name,
    ]),
  );
  const ms = (n: unknown) => Number(n).toFixed(0).padStart(6);
  const rows = entries.map(
    ([start, first, end, what]) => `${ms(start)} ${ms(first)} ${ms(end)}  ${String(what)}`,
  );
  writeFileSync(
    join(folder, `${name}.timings.txt`),
    `start  first   end  what\n${rows.join('\n')}\n`,
  );
}
