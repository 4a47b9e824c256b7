// `node [--expose-gc] --import tsx agent/src/testing/snapshot-memory-cli.ts DATA_PATH NAME SERVER_ID SNAPSHOT_ROOT`:
// takes one snapshot in a fresh process and prints its peak memory (VmHWM) as JSON. With
// --expose-gc it collects every 100 ms, so the peak is what the snapshot holds, not garbage the
// collector has not reached yet (1 GB of file data passes through short-lived buffers).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { serverPaths } from '../data/server-paths';
import { SnapshotStore } from '../data/snapshot-store';
import { takeSnapshot } from '../data/take-snapshot';

const [dataPath, serverName, serverId, snapshotRoot] = process.argv.slice(2);
if (!dataPath || !serverName || !serverId || !snapshotRoot) {
  console.error('usage: snapshot-memory-cli.ts DATA_PATH NAME SERVER_ID SNAPSHOT_ROOT');
  process.exit(2);
}

/** Peak resident set size of this process so far, in bytes (Linux). */
async function peakRss(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

const before = await peakRss();
let peakHeap = process.memoryUsage().heapUsed;
const gc = (globalThis as { gc?: () => void }).gc;
const sample = setInterval(() => {
  gc?.();
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 100);
const result = await takeSnapshot({
  store: new SnapshotStore(snapshotRoot, 0),
  paths: serverPaths(dataPath, serverName),
  serverId,
  serverName,
  snapshotId: randomUUID(),
});
clearInterval(sample);
console.log(JSON.stringify({ peakRssBefore: before, peakRss: await peakRss(), peakHeap, result }));
