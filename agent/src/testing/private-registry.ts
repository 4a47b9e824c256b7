import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { docker, dockerMaybe, testImage } from './docker-cli';

/**
 * A registry of one test file's own: Debian's docker-registry on a free loopback port, storage in
 * a temp folder. Tests that push over tags or take the registry down use it, never the shared
 * one on 127.0.0.1:5000 (other runs pull from that one at the same time).
 */
export interface PrivateRegistry {
  /** `127.0.0.1:<port>` */
  address: string;
  /**
   * Builds an image FROM the shared test image with only a label changed (a new image id, the
   * same fake game), tags it `ref` and pushes it here. Returns its image id.
   */
  pushVariant(ref: string): string;
  /** Stops the registry process (only the one spawned here) and waits until it has exited. */
  stop(): Promise<void>;
  /** Stops it, removes every image pushVariant built, and its storage. */
  cleanup(): Promise<void>;
}

async function freeTcpPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

export async function startPrivateRegistry(): Promise<PrivateRegistry> {
  const dir = mkdtempSync(path.join(tmpdir(), 'zedops-registry-'));
  const port = await freeTcpPort();
  const address = `127.0.0.1:${port}`;
  const config = path.join(dir, 'registry.yml');
  writeFileSync(
    config,
    `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/storage\nhttp:\n  addr: ${address}\n`,
  );
  let proc: ChildProcess | undefined = spawn('docker-registry', ['serve', config], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 20_000;
  while (!(await answers(`http://${address}/v2/`))) {
    if (Date.now() > deadline || proc.exitCode !== null) {
      proc.kill('SIGTERM');
      throw new Error(`private registry did not answer on ${address}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const built = new Set<string>();
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  let variant = 0;
  const stop = async () => {
    const running = proc;
    proc = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  return {
    address,
    pushVariant(ref) {
      const dockerfile = `FROM ${testImage}:latest\nLABEL zedops.test-variant=${runId}-${variant++}\n`;
      execFileSync('docker', ['build', '-q', '-t', ref, '-'], { input: dockerfile, stdio: 'pipe' });
      const id = docker('image', 'inspect', '--format', '{{.Id}}', ref);
      built.add(id);
      docker('push', '-q', ref);
      return id;
    },
    stop,
    async cleanup() {
      await stop();
      for (const id of built) dockerMaybe('rmi', '-f', id);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
