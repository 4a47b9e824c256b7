// Loaded into the benchmarked manager (`--import`, bench only): every stretch its event loop was
// blocked for more than 20 ms is appended to ZEDOPS_BENCH_LOOP_FILE as
// "<end, epoch ms> <ms> <CPU ms>", so a benchmark reads the worst block inside its own window
// (startManagerProcess: loopBlocked). The CPU the process used meanwhile tells work from
// waiting for a core on a loaded machine.
// Plain JavaScript: the manager is benchmarked as it ships, compiled, with no TypeScript loader
// in its process (bench/manager-process.ts).
import { appendFileSync } from 'node:fs';

const file = process.env.ZEDOPS_BENCH_LOOP_FILE;
if (file) {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    // The timer asks for 1 ms: what it waited beyond that, nothing else could run.
    const blocked = now - last - 1;
    if (blocked > 20) {
      const cpuMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
      appendFileSync(file, `${Date.now()} ${blocked.toFixed(1)} ${cpuMs.toFixed(1)}\n`);
    }
    last = now;
    lastCpu = cpu;
  }, 1).unref();
}
