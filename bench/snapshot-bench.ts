import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { serverPaths } from '../agent/src/data/server-paths';
import { SnapshotStore } from '../agent/src/data/snapshot-store';
import { takeSnapshot } from '../agent/src/data/take-snapshot';
import { generateWorld } from '../agent/src/testing/world-generator';

export interface SnapshotBenchResult {
  sizeMb: number;
  /** Best of the rounds: the agent's whole snapshot path (walk, archive, fsync, read back, manifest). */
  snapshotMs: number;
  /** Best of the rounds: `tar -c --exclude=./bin . | gzip -1 > file` of the same folder. */
  tarGzipMs: number;
  /** snapshotMs / tarGzipMs; the target is at most 1.25. */
  ratio: number;
  /**
   * Least CPU time over the rounds (every thread of ours; tar, gzip and sh for the floor), null
   * off Linux. On a shared 2-core machine the wall ratio follows whatever else runs; this hardly.
   */
  snapshotCpuMs: number | null;
  tarGzipCpuMs: number | null;
  /** Size of the agent's archive on disk. */
  archiveBytes: number;
}

const run = promisify(execFile);
const rounds = 2;

/**
 * Generates a world of `sizeMb` under a temp dir (see generateWorld: many small map files, big
 * databases, logs, incompressible backups), then times the agent's snapshot and `tar | gzip -1`
 * side by side, alternating, best of two each (the machine is shared). Cleans up after itself.
 */
export async function benchSnapshot(sizeMb: number): Promise<SnapshotBenchResult> {
  const base = await mkdtemp('/tmp/zedops-snapshot-bench-');
  try {
    const dataPath = path.join(base, 'servers');
    const paths = serverPaths(dataPath, 'bench-world');
    await generateWorld(paths.root, sizeMb, 'bench-world-id');
    // The world is ~1 GB of dirty pages: written back now, not during whichever side runs first.
    await run('sync');
    const store = new SnapshotStore(path.join(base, '.zedops-snapshots'), 0);
    const baselineFile = path.join(base, 'baseline.tar.gz');

    let snapshotMs = Infinity;
    let tarGzipMs = Infinity;
    let snapshotCpuMs = Infinity;
    let tarGzipCpuMs = Infinity;
    let cpuKnown = true;
    let archiveBytes = 0;
    for (let round = 0; round < rounds; round++) {
      let started = Date.now();
      const childCpu = await childrenCpuMs();
      await run('sh', [
        '-c',
        'tar -c -C "$1" --exclude=./bin . | gzip -1 > "$2"',
        'sh',
        paths.root,
        baselineFile,
      ]);
      tarGzipMs = Math.min(tarGzipMs, Date.now() - started);
      const childCpuAfter = await childrenCpuMs();
      if (childCpu === null || childCpuAfter === null) cpuKnown = false;
      else tarGzipCpuMs = Math.min(tarGzipCpuMs, childCpuAfter - childCpu);
      await rm(baselineFile);

      started = Date.now();
      const ownCpu = process.cpuUsage();
      const result = await takeSnapshot({
        store,
        paths,
        serverId: 'bench-world-id',
        serverName: 'bench-world',
        snapshotId: randomUUID(),
      });
      snapshotMs = Math.min(snapshotMs, Date.now() - started);
      const { user, system } = process.cpuUsage(ownCpu);
      snapshotCpuMs = Math.min(snapshotCpuMs, (user + system) / 1000);
      archiveBytes = (await stat(result.path)).size;
      await rm(store.root, { recursive: true });
    }
    return {
      sizeMb,
      snapshotMs,
      tarGzipMs,
      ratio: Number((snapshotMs / tarGzipMs).toFixed(3)),
      snapshotCpuMs: cpuKnown ? snapshotCpuMs : null,
      tarGzipCpuMs: cpuKnown ? tarGzipCpuMs : null,
      archiveBytes,
    };
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

/** CPU time of this process's waited-for children (Linux /proc), or null elsewhere. */
async function childrenCpuMs(): Promise<number | null> {
  const procStat = await readFile('/proc/self/stat', 'utf8').catch(() => null);
  if (procStat === null) return null;
  // Fields after "(comm) ": state is field 3; cutime and cstime are fields 16 and 17, in ticks.
  const fields = procStat.slice(procStat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond;
}
