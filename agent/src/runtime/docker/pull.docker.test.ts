import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CreateResult } from '@contract/agent-protocol';
import { AgentHarness } from '../../testing/agent-harness';
import { containersOf, docker, dockerMaybe, dockerUp, testImage } from '../../testing/docker-cli';

let h: AgentHarness;
beforeAll(async () => {
  h = await AgentHarness.start();
});
afterEach(() => h.cleanup());
afterAll(async () => {
  dockerUp('--no-image');
  await h?.stop();
});

// The registry docker-up.sh started for this run (its state folder, as docker-common.sh names it).
const registryPidFile = path.join(process.env.ZEDOPS_CI_STATE ?? '/tmp/zedops-ci', 'registry.pid');

describe('image pull', () => {
  it('streams per-layer progress with percent while pulling an image that is not local', async () => {
    const tag = `progress-${randomBytes(4).toString('hex')}`;
    const ctx = mkdtempSync('/tmp/zedops-progress-image-');
    try {
      writeFileSync(path.join(ctx, 'blob'), randomBytes(2 * 1024 * 1024));
      writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${testImage}:latest\nCOPY blob /blob\n`);
      docker('build', '-q', '-t', `${testImage}:${tag}`, ctx);
      docker('push', '-q', `${testImage}:${tag}`);
      docker('rmi', `${testImage}:${tag}`);

      const spec = await h.newSpec({ imageTag: tag });
      const { reply, progress } = await h.manager.request({
        name: 'container.create',
        spec,
        idempotencyKey: 'op-1',
        requireData: false,
      });
      expect(reply.ok).toBe(true);
      expect((reply as { result: CreateResult }).result.imageSource).toBe('pulled');
      const pulling = progress.filter((p) => p.phase === 'pulling');
      expect(pulling.some((p) => p.percent !== undefined && (p.total ?? 0) > 1_000_000)).toBe(true);
      expect(pulling.at(-1)?.percent).toBe(100);
    } finally {
      h.cleanup();
      dockerMaybe('rmi', `${testImage}:${tag}`);
      rmSync(ctx, { recursive: true, force: true });
    }
  });

  it('registry stopped but image present locally → uses the local image and says so', async () => {
    expect(
      existsSync(registryPidFile),
      'registry must have been started by scripts/ci/docker-up.sh',
    ).toBe(true);
    const pid = Number(readFileSync(registryPidFile, 'utf8'));
    process.kill(pid, 'SIGTERM');
    try {
      await waitForRegistryDown();
      const spec = await h.newSpec();
      const { reply, progress } = await h.manager.request({
        name: 'container.create',
        spec,
        idempotencyKey: 'op-1',
        requireData: false,
      });
      expect(reply.ok).toBe(true);
      const result = (reply as { result: CreateResult }).result;
      expect(result.imageSource).toBe('local');
      expect(result.container.running).toBe(true);
      expect(
        progress.some((p) => p.phase === 'pulling' && /local image/.test(p.message ?? '')),
      ).toBe(true);
    } finally {
      dockerUp('--no-image'); // bring the registry back for everything after us
    }
  });

  it('unknown tag and no local image → IMAGE_PULL_FAILED with the registry’s message, nothing created', async () => {
    const spec = await h.newSpec({ imageTag: 'does-not-exist' });
    const { reply } = await h.manager.request({
      name: 'container.create',
      spec,
      idempotencyKey: 'op-1',
      requireData: false,
    });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('IMAGE_PULL_FAILED');
      expect(reply.error.message).toMatch(/manifest unknown|not found/i);
      expect(reply.error.details).toMatchObject({ image: `${testImage}:does-not-exist` });
    }
    expect(containersOf(spec.serverId)).toEqual([]);
    expect(existsSync(path.join(spec.dataPath, spec.serverName))).toBe(false);
  });
});

async function waitForRegistryDown(): Promise<void> {
  for (let i = 0; i < 40; i++) {
    try {
      execFileSync('curl', [
        '-fs',
        '-o',
        '/dev/null',
        '--max-time',
        '1',
        'http://127.0.0.1:5000/v2/',
      ]);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('registry still answering after SIGTERM');
}
