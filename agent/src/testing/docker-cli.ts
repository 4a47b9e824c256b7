import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isUdpPortInUse } from '../host/udp-port-probe';

// Test helpers: the tests may use the docker CLI for setup and assertions (agent/src may not).

export const registry = '127.0.0.1:5000';
export const testImage = `${registry}/zedops/pz-test`;
export const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** `docker …`, returning trimmed stdout. */
export function docker(...args: string[]): string {
  return execFileSync('docker', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** `docker …` that may fail; returns null on failure. */
export function dockerMaybe(...args: string[]): string | null {
  try {
    return docker(...args);
  } catch {
    return null;
  }
}

/** Ids of containers labelled with this server id (all states). */
export function containersOf(serverId: string): string[] {
  const out = docker('ps', '-aq', '--no-trunc', '--filter', `label=zedops.server.id=${serverId}`);
  return out ? out.split('\n') : [];
}

/** Force-removes every container of these server ids and these names. */
export function cleanupContainers(serverIds: string[], names: string[] = []): void {
  const ids = serverIds.flatMap(containersOf);
  for (const id of [...ids, ...names]) dockerMaybe('rm', '-f', id);
}

/** Runs scripts/ci/docker-up.sh (dockerd + registry + image); idempotent. */
export function dockerUp(...args: string[]): string {
  return execFileSync('bash', [path.join(repoRoot, 'scripts/ci/docker-up.sh'), ...args], {
    encoding: 'utf8',
  });
}

let serial = 0;
/** A fresh server identity: unique id, a valid unique name. */
export function uniqueServer(): { serverId: string; serverName: string } {
  const tag = `${Date.now().toString(36)}${(serial++).toString(36)}${randomBytes(2).toString('hex')}`;
  return { serverId: `srv-${tag}`, serverName: `t${tag}` };
}

/** The allowed root test agents serve; every temp data path lies below it. */
export const testDataRoot = '/tmp/zedops-agent-tests';

/** A fresh temp data path inside testDataRoot (the server dirs go below it). */
export function tempDataPath(): string {
  mkdirSync(testDataRoot, { recursive: true });
  return mkdtempSync(`${testDataRoot}/data-`);
}

let nextPort = 30_000 + Math.floor(Math.random() * 20_000);
/** Two consecutive free host UDP ports. */
export async function freePorts(): Promise<{
  gamePort: number;
  udpPort: number;
  rconPort: number;
}> {
  for (;;) {
    const gamePort = nextPort;
    nextPort += 3;
    if (nextPort > 60_000) nextPort = 30_000;
    if (!(await isUdpPortInUse(gamePort)) && !(await isUdpPortInUse(gamePort + 1))) {
      return { gamePort, udpPort: gamePort + 1, rconPort: gamePort + 2 };
    }
  }
}

/** relative path → sha256 of every file (and '<dir>' for every directory) under `root`. */
export function snapshotDir(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      const rel = path.relative(root, full);
      if (statSync(full).isDirectory()) {
        out.set(rel, '<dir>');
        walk(full);
      } else {
        out.set(rel, createHash('sha256').update(readFileSync(full)).digest('hex'));
      }
    }
  };
  walk(root);
  return out;
}

/** One checksum over the whole tree (paths + contents). */
export function checksumDir(root: string): string {
  const hash = createHash('sha256');
  for (const [rel, digest] of snapshotDir(root)) hash.update(`${rel}\0${digest}\n`);
  return hash.digest('hex');
}

/** Lines of a text file, [] when absent. */
export function readLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}
