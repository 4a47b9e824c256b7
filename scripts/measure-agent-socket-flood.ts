/**
 * Measures what unauthenticated agent sockets cost a running manager: starts one as a child
 * process, opens SOCKETS raw sockets (from ADDRESSES loopback addresses) that each send a
 * FRAME_MIB frame before any hello, and prints the manager's RSS and /api/auth/me latency before,
 * during and after. Not a test (it asserts nothing); the behaviour is tested in
 * manager/src/ws/agent-handshake.test.ts.
 *
 *   node --import tsx scripts/measure-agent-socket-flood.ts
 *   MANAGER_DIR=/path/to/other/checkout SOCKETS=300 ADDRESSES=40 node --import tsx scripts/…
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawAgentSocket } from '../manager/src/testing/raw-agent-socket';

const sockets = Number(process.env.SOCKETS ?? 300);
const addresses = Number(process.env.ADDRESSES ?? 1);
const frameBytes = Number(process.env.FRAME_MIB ?? 8) * 1024 * 1024;
const port = 20_000 + Math.floor(Math.random() * 20_000);
const url = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'zedops-flood-'));
const email = 'admin@flood.local';
const password = 'flood-password-1';

const child = spawn('node', ['--import', 'tsx', 'manager/src/index.ts'], {
  cwd: process.env.MANAGER_DIR ?? process.cwd(),
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    ZEDOPS_DATA_DIR: dataDir,
    ZEDOPS_ADMIN_EMAIL: email,
    ZEDOPS_ADMIN_PASSWORD: password,
  },
  stdio: 'ignore',
});

const rssMiB = () =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) / 1024;

async function meLatencyMs(cookie: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}/api/auth/me`, { headers: { cookie } });
  await res.text();
  return Math.round(performance.now() - started);
}

async function main(): Promise<void> {
  let cookie = '';
  for (let i = 0; i < 200 && !cookie; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    }).catch(() => undefined);
    cookie = res?.headers.get('set-cookie')?.split(';')[0] ?? '';
  }
  if (!cookie) throw new Error('manager did not start');
  await new Promise((r) => setTimeout(r, 1000));
  console.log(
    `before: rss ${rssMiB().toFixed(0)} MiB, /api/auth/me ${await meLatencyMs(cookie)} ms`,
  );

  const open = await Promise.all(
    Array.from({ length: sockets }, (_, i) =>
      RawAgentSocket.open(url, { localAddress: `127.0.0.${1 + (i % addresses)}` }),
    ),
  );
  const admitted = open.filter((s) => s.status === 101);
  let peak = rssMiB();
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB())), 50);
  const sending = Promise.all(admitted.map((s) => s.sendHugeFrame(frameBytes)));
  await new Promise((r) => setTimeout(r, 500));
  const during = await meLatencyMs(cookie);
  await sending;
  const outcomes = await Promise.all(open.map((s) => s.closed));
  clearInterval(sampler);
  const codes = new Map<string, number>();
  for (const o of outcomes) {
    const key = o.status === 101 ? `close ${o.closeCode ?? 'none'}` : `http ${o.status}`;
    codes.set(key, (codes.get(key) ?? 0) + 1);
  }
  console.log(`sockets: ${sockets} from ${addresses} address(es), ${admitted.length} upgraded`);
  console.log(`outcomes: ${[...codes].map(([k, n]) => `${n} × ${k}`).join(', ')}`);
  console.log(`during: peak rss ${peak.toFixed(0)} MiB, /api/auth/me ${during} ms`);
  await new Promise((r) => setTimeout(r, 3000));
  console.log(
    `after: rss ${rssMiB().toFixed(0)} MiB, /api/auth/me ${await meLatencyMs(cookie)} ms`,
  );
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });
