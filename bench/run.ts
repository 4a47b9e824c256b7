// `npm run bench`: one table of the product's speed against its targets and physical floors.
// `npm run bench -- --quick`: small sizes, to prove every benchmark still runs (CI does this).
// `npm run bench -- --only P3,P4`: only those rows (P1 and P2 run together, as do P5's).
import os from 'node:os';
import { bundleSizes, firstPages } from './bundle-bench';
import { benchFirstPageInBrowser } from './first-page-bench';
import { benchDocker, dockerAvailable } from './docker-bench';
import { benchFleet } from './fleet-bench';
import { medianRun, runsNote } from './median-run';
import { benchReconcile } from './reconcile-bench';
import { benchRender, renderBenchProblem } from './render-bench';
import { benchSnapshot } from './snapshot-bench';

const quick = process.argv.includes('--quick');
const onlyArg = process.argv.find((a, i) => process.argv[i - 1] === '--only');
const only = onlyArg?.split(',').map((id) => id.trim().toUpperCase());
const runs = (...ids: string[]) => !only || ids.some((id) => only.includes(id));
const rows: string[][] = [];
const row = (id: string, what: string, measured: string, target: string) => {
  rows.push([id, what, measured, target]);
  console.error(`… ${id} ${what}: ${measured}`);
};
const ms = (n: number | null) => (n === null ? 'never' : `${n.toFixed(0)} ms`);
/** Statuses left wrong, by any run (one run's wrong answer is a failure, whatever the median). */
const wrongNote = (all: { wrong: number }[]) =>
  all
    .filter((r) => r.wrong > 0)
    .map((r) => `; ${r.wrong} WRONG`)
    .join('');
/** The size the P3 and P5 targets are set at. */
const targetSize = 10000;
/** How many times a row runs: three at the targets' size (its median run is shown, bench/median-run.ts). */
const runsAt = (n: number) => (n === targetSize && !quick ? 3 : 1);

for (const n of !runs('P3') ? [] : quick ? [100, 1001] : [100, 1000, targetSize]) {
  const {
    median: r,
    all,
    headlines,
  } = await medianRun(
    runsAt(n),
    () => benchReconcile(n),
    (result) => result.ms,
  );
  row(
    'P3',
    `reconcile on reconnect, ${n} servers (report → applied; worst request latency; longest event-loop block (its CPU; the most CPU in one block); data checks stored; CPU manager / agent)`,
    `${ms(r.ms)}; ${ms(r.worstMs)}; ${ms(r.loopBlockedMs)} (${ms(r.loopBlockedCpuMs)}; ${ms(r.loopBusiestCpuMs)}); ${ms(r.checkedMs)}; ${ms(r.managerCpuMs)} / ${ms(r.agentCpuMs)}${wrongNote(all)}${runsNote(headlines)}`,
    n === targetSize ? '≤ 500 ms; ≤ 100 ms; ≤ 100 ms' : 'linear',
  );
}

if (runs('P4')) {
  const agents = quick ? 20 : 1000;
  const fleet = await benchFleet(agents, quick ? 20 : 200);
  row(
    'P4',
    `${fleet.agents} agents × 2 servers: manager RSS; command p50 / p99`,
    `${fleet.rssMb.toFixed(0)} MB; ${fleet.commandP50.toFixed(1)} / ${fleet.commandP99.toFixed(1)} ms`,
    '≤ 250 MB; p99 ≤ 50 ms',
  );
}

if (!runs('P1', 'P2')) {
  // not asked for
} else if (!(await dockerAvailable()))
  row('P1/P2', 'Docker recreate', 'skipped: no Docker engine answers (DOCKER_HOST)', '');
else {
  const d = await benchDocker(quick ? 2 : 9);
  row('P1', '`docker rm -f` → the API shows Missing (p50)', ms(d.missingP50), '≈ 1 s');
  row(
    'P2',
    'recreate → running (p50) vs raw Engine API create + start of the same container',
    `${ms(d.recreateP50)} vs ${ms(d.rawP50)} = ${(d.recreateP50 / d.rawP50).toFixed(2)} ×`,
    '≤ 1.15 ×',
  );
}

const pages = firstPages();
if (!runs('P5')) {
  // not asked for
} else if (pages === null)
  row('P5', 'dashboard JavaScript', 'skipped: run `npm run build` first', '');
else {
  const kb = (n: number, decimals = 1) => `${(n / 1024).toFixed(decimals)} KB`;
  row(
    'P5',
    'dashboard JavaScript for the first page (gzip; the heavier of login and overview)',
    // Two decimals against the budget: 125.04 KB must not print as "125.0 KB".
    pages.map((p) => `${p.page} ${kb(p.gzipBytes, 2)}`).join(' · '),
    '≤ 125 KB',
  );
  const heaviest = pages.reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a));
  for (const c of heaviest.chunks) row('P5', `  ${heaviest.page}: ${c.file}`, kb(c.gzipBytes), '');
  const total = bundleSizes()!.chunks.reduce((n, c) => n + c.gzipBytes, 0);
  row('P5', '  every chunk of the dashboard, for comparison', kb(total), '');
  // The same question asked of Chromium: what the built dashboard really fetches.
  const problem = renderBenchProblem();
  if (problem) row('P5', '  first page in Chromium', `skipped: ${problem}`, '');
  else
    for (const p of await benchFirstPageInBrowser(quick ? 60 : 100))
      row('P5', `  in Chromium, ${p.page}: JavaScript fetched`, kb(p.gzipBytes), '');
}

const renderProblem = renderBenchProblem();
if (!runs('P5')) {
  // not asked for
} else if (renderProblem) row('P5', 'overview in Chromium', `skipped: ${renderProblem}`, '');
else
  for (const n of quick ? [100] : [1000, targetSize]) {
    const { median: r, headlines } = await medianRun(
      runsAt(n),
      () => benchRender(n),
      (result) => result.interactiveMs,
    );
    row(
      'P5',
      `overview, ${n} servers: first card; interactive (from navigation)`,
      `${ms(r.firstCardMs)}; ${ms(r.interactiveMs)}${runsNote(headlines)}`,
      n === targetSize ? 'interactive ≤ 1000 ms' : '',
    );
    row(
      'P5',
      `  ${n} servers: return visit (scripts cached): first card`,
      ms(r.returnFirstCardMs),
      '',
    );
    row('P5', `  ${n} servers: status change on the host → card`, ms(r.statusToDomMs), '≤ 200 ms');
  }

// S1: a world archived by the agent's snapshot path vs `tar -c | gzip -1` of the same folder.
// Last: writing, archiving and deleting a 1 GB world keeps the host's disk and page cache busy
// for a while after (the overview's first visit ran a sixth slower right after it).
if (runs('S1')) {
  const snapshot = await benchSnapshot(quick ? 50 : 1024);
  row(
    'S1',
    `snapshot of a ${snapshot.sizeMb} MB world vs \`tar -c | gzip -1\` (best of 2; CPU of all threads / both processes; 1-min load after)`,
    `${ms(snapshot.snapshotMs)} vs ${ms(snapshot.tarGzipMs)} = ${snapshot.ratio.toFixed(2)} ×` +
      (snapshot.snapshotCpuMs === null || snapshot.tarGzipCpuMs === null
        ? ''
        : `; CPU ${ms(snapshot.snapshotCpuMs)} vs ${ms(snapshot.tarGzipCpuMs)} = ${(snapshot.snapshotCpuMs / snapshot.tarGzipCpuMs).toFixed(2)} ×; load ${(os.loadavg()[0] ?? 0).toFixed(1)}`),
    '≤ 1.25 ×',
  );
}

const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), 8));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(['id', 'what', 'measured', 'target']));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
