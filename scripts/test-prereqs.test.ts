import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = path.join(import.meta.dirname, 'test-prereqs.sh');
const bin = mkdtempSync(path.join(tmpdir(), 'zedops-prereqs-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

/** Run the check on a machine where nothing is there (and nothing may be set up). */
function check(extraEnv: Record<string, string> = {}) {
  const started = Date.now();
  const res = spawnSync('bash', [script], {
    encoding: 'utf8',
    env: {
      ...process.env,
      ZEDOPS_TEST_SETUP: 'never',
      CHROMIUM_PATH: '/nonexistent/chromium',
      DOCKER_HOST: 'unix:///nonexistent/docker.sock',
      ZEDOPS_REGISTRY_ADDR: '127.0.0.1:9',
      ...extraEnv,
    },
    timeout: 60_000,
  });
  console.log(`test-prereqs answered in ${Date.now() - started} ms`);
  return res;
}

describe('npm test checks its prerequisites first', () => {
  it('names what is missing and the exact commands, and stops', () => {
    const res = check();
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('missing: Chromium at /nonexistent/chromium');
    expect(res.stdout).toContain('missing: a running Docker engine');
    expect(res.stdout).toContain('missing: the test image 127.0.0.1:9/zedops/pz-test:latest');
    expect(res.stdout).toContain('bash scripts/ci/system-deps.sh');
    expect(res.stdout).toContain('bash scripts/ci/docker-up.sh');
  });

  it('a Docker CLI that hangs does not hang the check', () => {
    // A docker that never answers (an engine stuck mid-start): the probe gives up on its own.
    writeFileSync(path.join(bin, 'docker'), '#!/bin/sh\nexec sleep 600\n');
    chmodSync(path.join(bin, 'docker'), 0o755);
    const res = check({ PATH: `${bin}:${process.env.PATH ?? ''}` });
    expect(res.signal).toBeNull();
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('missing: a running Docker engine');
  });
});
