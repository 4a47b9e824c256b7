import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentResponse, CreateAgentResponse } from '@contract/http/agents';
import { startTestManager, waitFor, type TestManager } from '../../manager/src/testing/harness';
import { bundleAgent } from './bundles';

/**
 * dist/zedops-agent.mjs is what a host without a clone runs: it must work copied alone into an
 * empty folder, with plain `node` and no node_modules anywhere above it.
 */
describe('the one-file agent', () => {
  const work = mkdtempSync(join(tmpdir(), 'zedops-bundle-'));
  const host = mkdtempSync(join(tmpdir(), 'zedops-agent-host-'));
  const agentFile = join(host, 'zedops-agent.mjs');
  // No PATH tricks, no NODE_PATH: only what a fresh host has.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: host };
  let t: TestManager;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    await bundleAgent(join(work, 'zedops-agent.mjs'));
    copyFileSync(join(work, 'zedops-agent.mjs'), agentFile);
    t = await startTestManager();
  }, 60_000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await t.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(host, { recursive: true, force: true });
  });

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [agentFile, ...args], { cwd: host, env, encoding: 'utf8' });

  it('runs --help from an empty folder', () => {
    expect(readdirSync(host)).toEqual(['zedops-agent.mjs']);
    const res = run('--help');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('usage: zedops-agent --manager');
  });

  it('refuses bad arguments with the usage and exit code 2, not a stack trace', () => {
    const missing = run('--token', 'x');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('missing --manager');
    const relative = run('--manager', 'ws://127.0.0.1:1', '--token', 'x', '--data-path', 'srv');
    expect(relative.status).toBe(2);
    expect(relative.stderr).toContain('usage: zedops-agent');
    expect(relative.stderr).not.toMatch(/\n\s+at /);
  });

  it('connects to a real manager with a registration token and keeps its credential 0600', async () => {
    const created = await t.admin.expect(201, CreateAgentResponse, 'POST', '/api/agents', {
      name: 'bundled',
    });
    const stateDir = join(host, 'state');
    child = spawn(
      process.execPath,
      [
        agentFile,
        ...['--manager', t.manager.url.replace(/^http/, 'ws')],
        ...['--token', created.registrationToken],
        ...['--data-path', join(host, 'servers')],
        ...['--state-dir', stateDir],
        // No Docker needed to connect: the agent reports the engine as unreachable.
        ...['--docker-socket', join(host, 'no-docker.sock')],
      ],
      { cwd: host, env: { ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const agent = await waitFor(async () => {
      const { agent } = await t.admin.expect(
        200,
        AgentResponse,
        'GET',
        `/api/agents/${created.agent.id}`,
      );
      // The roots come only from the agent's hello: seeing them means it connected and was welcomed.
      return agent.allowedRoots.includes(join(host, 'servers')) ? agent : undefined;
    }, 20_000).catch((err: unknown) => {
      throw new Error(`${String(err)}; agent output:\n${output}`);
    });
    expect(agent.lastSeenAt).not.toBeNull();
    // Connected, with the reason it cannot serve yet: no Docker engine behind that socket.
    expect(agent.statusReason ?? '').toMatch(/docker/i);
    const [credential] = readdirSync(stateDir);
    expect(statSync(join(stateDir, credential ?? '')).mode & 0o777).toBe(0o600);
  }, 40_000);
});
