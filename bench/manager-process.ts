import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { ApiClient } from '../manager/src/testing/harness';

/** USER_HZ: what /proc counts CPU time in (100 on Linux everywhere that matters). */
const clockTicksPerSecond = 100;

export const benchAdmin = { email: 'bench@zedops.local', password: 'bench-password-123' };

/**
 * The manager as it ships: the compiled JavaScript the image and `npm run start:prod` run, not
 * TypeScript through a loader compiling every file in the measured process
 * (docs/decisions/0116-bench-the-compiled-manager.md).
 */
export const managerBundle = 'dist/zedops-manager.mjs';

/** A real manager in its own process (so its RSS and event loop are measured alone). */
export interface ManagerProcess {
  url: string;
  dataDir: string;
  admin: ApiClient;
  pid: number;
  /**
   * Longest event-loop block (ms) that ended between these two `Date.now()`s and the CPU time
   * the manager used during it (the rest it waited for a core), and the most CPU any block took
   * (bench/loop-monitor.mjs).
   */
  loopBlocked(fromMs: number, toMs: number): { ms: number; cpuMs: number; maxCpuMs: number };
  /** Resident set size of the manager process, in MB (from /proc). */
  rssMb(): Promise<number>;
  /** CPU time (user + system) the manager process has used so far, in ms (from /proc). */
  cpuMs(): number;
  /** Stop the process (once; again is a no-op) and remove its data folder, unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * `dataDir`: a data folder an earlier manager process left (a restart); a new one by default.
 * `staticDir`: the built dashboard to serve (none by default: the API alone is measured).
 * `onLogLine`: the manager's info-level JSON log lines, each as written (errors only otherwise):
 * a bench learns what the manager did from it without reading the database in a loop.
 */
export async function startManagerProcess(
  options: { dataDir?: string; staticDir?: string; onLogLine?: (line: string) => void } = {},
): Promise<ManagerProcess> {
  if (!existsSync(managerBundle))
    throw new Error(`${managerBundle} is missing: run \`npm run build\` first`);
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'zedops-bench-'));
  const port = await freePort();
  const loopFile = join(dataDir, 'loop-blocks.txt');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.ZEDOPS_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      './bench/loop-monitor.mjs',
      managerBundle,
    ],
    {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        ZEDOPS_DATA_DIR: dataDir,
        ZEDOPS_ADMIN_EMAIL: benchAdmin.email,
        ZEDOPS_ADMIN_PASSWORD: benchAdmin.password,
        ZEDOPS_STATIC_DIR: options.staticDir ?? join(dataDir, 'no-dashboard'),
        LOG_LEVEL: options.onLogLine ? 'info' : 'error',
        ZEDOPS_BENCH_LOOP_FILE: loopFile,
        // The manager alone: the launcher's local agent would be a second agent on this machine.
        ZEDOPS_LOCAL_AGENT: 'false',
      },
      stdio: ['ignore', options.onLogLine ? 'pipe' : 'ignore', 'inherit'],
    },
  );
  if (options.onLogLine) {
    const onLine = options.onLogLine;
    createInterface({ input: child.stdout! }).on('line', onLine);
  }
  const url = `http://127.0.0.1:${port}`;
  const admin = new ApiClient(url);
  for (let i = 0; ; i++) {
    try {
      await admin.login(benchAdmin.email, benchAdmin.password);
      break;
    } catch {
      if (i > 300) throw new Error('manager did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    dataDir,
    admin,
    pid: child.pid!,
    loopBlocked(fromMs, toMs) {
      const worst = { ms: 0, cpuMs: 0, maxCpuMs: 0 };
      if (!existsSync(loopFile)) return worst;
      for (const line of readFileSync(loopFile, 'utf8').split('\n')) {
        const [end, blocked, cpuMs] = line.split(' ').map(Number);
        if (!(end! >= fromMs && end! <= toMs)) continue;
        if (blocked! > worst.ms) Object.assign(worst, { ms: blocked!, cpuMs: cpuMs! });
        worst.maxCpuMs = Math.max(worst.maxCpuMs, cpuMs!);
      }
      return worst;
    },
    async rssMb() {
      const { readFileSync } = await import('node:fs');
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    cpuMs() {
      // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
    },
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null && child.signalCode === null)
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What the probe's thread runs: one request to warm its own fetch (a fresh thread's first one
 * loads and connects, which is not the manager's time), then `ready`; a cheap request every
 * 10 ms until told to stop, then it answers the worst latency it saw.
 */
const probeSource = `
const { parentPort, workerData } = require('node:worker_threads');
const probe = () => fetch(workerData.url + '/api/auth/me').then((r) => r.arrayBuffer()).catch(() => undefined);
let worstMs = 0;
let running = true;
parentPort.once('message', () => (running = false));
(async () => {
  await probe();
  parentPort.postMessage('ready');
  while (running) {
    const t0 = performance.now();
    await probe();
    worstMs = Math.max(worstMs, performance.now() - t0);
    await new Promise((r) => setTimeout(r, 10));
  }
  parentPort.postMessage(worstMs);
})();
`;

/**
 * Probe the manager's responsiveness while `work` runs: the worst latency of a cheap request sent
 * every 10 ms approximates how long its event loop was blocked. The probe runs on a thread of its
 * own: `work` is often a scripted agent in this process, whose own turns (building a listing of
 * thousands of containers) would otherwise delay the probe's timers and replies and be counted
 * as the manager's.
 */
export async function worstLatencyDuring<T>(
  url: string,
  work: () => Promise<T>,
): Promise<{ result: T; worstMs: number }> {
  const probe = new Worker(probeSource, { eval: true, workerData: { url } });
  const messages: ((message: unknown) => void)[] = [];
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      messages.push(resolve);
      probe.once('error', reject);
    });
  probe.on('message', (message: unknown) => messages.shift()?.(message));
  try {
    await next(); // ready
    const worst = next() as Promise<number>;
    worst.catch(() => undefined); // heard below, unless `work` failed first
    const result = await work();
    probe.postMessage('stop');
    return { result, worstMs: await worst };
  } finally {
    await probe.terminate();
  }
}
