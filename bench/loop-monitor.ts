// Loaded into the benchmarked manager (`--import`, bench only): every stretch its event loop was
// blocked for more than 20 ms is appended to ZEDOPS_BENCH_LOOP_FILE as "<end, epoch ms> <ms>", so a
// benchmark reads the worst block inside its own window (startManagerProcess: loopBlockedMs).
import { appendFileSync } from 'node:fs';

const file = process.env.ZEDOPS_BENCH_LOOP_FILE;
if (file) {
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    // The timer asks for 1 ms: what it waited beyond that, nothing else could run.
    const blocked = now - last - 1;
    if (blocked > 20) appendFileSync(file, `${Date.now()} ${blocked.toFixed(1)}\n`);
    last = now;
  }, 1).unref();
}
