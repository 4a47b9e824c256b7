import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { agentProtocolVersion } from '@contract/agent-protocol';
import { testLogger } from '../testing/agent-harness';
import {
  cleanupContainers,
  dockerUp,
  freePorts,
  tempDataPath,
  testDataRoot,
  testImage,
  uniqueServer,
} from '../testing/docker-cli';
import { FakeManager, waitFor } from '../testing/fake-manager';
import { type RunningAgent, startAgent } from '../start-agent';

const running: { agents: RunningAgent[]; managers: FakeManager[]; dirs: string[] } = {
  agents: [],
  managers: [],
  dirs: [],
};
afterEach(async () => {
  for (const agent of running.agents.splice(0)) await agent.stop();
  for (const manager of running.managers.splice(0)) await manager.close();
  for (const dir of running.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function manager(options: Parameters<typeof FakeManager.start>[0] = {}) {
  const m = await FakeManager.start(options);
  running.managers.push(m);
  return m;
}

async function agent(
  managerUrl: string,
  stateDir = mkdtempSync('/tmp/zedops-agent-state-'),
  token = 'reg-token',
) {
  dockerUp('--no-image');
  running.dirs.push(stateDir);
  const a = await startAgent({
    managerUrl,
    token,
    stateDir,
    defaultDataPath: '/srv/zomboid',
    allowedRoots: [testDataRoot],
    logger: testLogger(),
    heartbeatIntervalMs: 300,
  });
  running.agents.push(a);
  return { agent: a, stateDir };
}

describe('manager connection', () => {
  it('speaks first with a contract hello, then heartbeats', async () => {
    const m = await manager();
    await agent(m.url);
    await m.waitForAgent();
    const hello = m.hellos[0]!;
    expect(hello).toMatchObject({
      token: 'reg-token',
      protocolVersion: agentProtocolVersion,
      defaultDataPath: '/srv/zomboid',
      allowedRoots: ['/srv/zomboid', testDataRoot],
      docker: { available: true },
    });
    expect(hello.hostname.length).toBeGreaterThan(0);
    expect(hello.docker.version).toBeTruthy();
    await waitFor(() => m.heartbeats >= 2, 3_000, 'two heartbeats');
    expect(m.invalidFrames).toEqual([]);
  });

  it('stores the welcome credential with mode 0600 and presents it next time', async () => {
    const m = await manager({ credential: 'cred-from-manager' });
    const { stateDir } = await agent(m.url);
    await m.waitForAgent();
    const file = path.join(stateDir, 'credential.json');
    await waitFor(
      () => {
        try {
          return readFileSync(file, 'utf8').includes('cred-from-manager');
        } catch {
          return false;
        }
      },
      3_000,
      'credential file',
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);

    m.disconnectAgent();
    await waitFor(() => m.hellos.length >= 2, 15_000, 'reconnect');
    expect(m.hellos[1]!.token).toBe('cred-from-manager');
  });

  it('falls back to the registration token when the stored credential is rejected', async () => {
    const first = await manager({ credential: 'old-credential' });
    const { stateDir } = await agent(first.url);
    await first.waitForAgent();
    await waitFor(() => statSafe(path.join(stateDir, 'credential.json')), 3_000, 'credential file');
    const port = first.port;
    for (const a of running.agents.splice(0)) await a.stop();
    await first.close();
    running.managers.length = 0;

    // Same address, but this manager only knows the registration token (its database was reset).
    const second = await manager({ port, acceptTokens: ['reg-token'] });
    await agent(second.url, stateDir);
    await second.waitForAgent();
    expect(second.hellos.map((h) => h.token)).toEqual(['old-credential', 'reg-token']);
  });

  it('reconnects after the manager restarts', async () => {
    const m = await manager();
    await agent(m.url);
    await m.waitForAgent();
    const port = m.port;
    await m.close();
    running.managers.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const restarted = await manager({ port });
    await restarted.waitForAgent(15_000);
    const { containers } = await restarted.ok<{ containers: unknown[] }>({
      name: 'container.list',
    });
    expect(Array.isArray(containers)).toBe(true);
  });

  it('answers invalid and unknown requests with INVALID_REQUEST', async () => {
    const m = await manager();
    await agent(m.url);
    await m.waitForAgent();
    m.sendRaw({ type: 'request', id: 'bad-1', command: { name: 'container.explode' } });
    m.sendRaw({ type: 'request', id: 'bad-2', command: { name: 'container.stop', serverId: 'x' } });
    m.sendRaw({
      type: 'request',
      id: 'bad-3',
      command: { name: 'container.start', serverId: '../../etc' },
    });
    for (const id of ['bad-1', 'bad-2', 'bad-3']) {
      const reply = await m.waitForReply(id, 5_000);
      expect(reply.ok || reply.error.code).toBe('INVALID_REQUEST');
    }
  });

  it('a reply finished while disconnected is delivered after reconnecting', async () => {
    const m = await manager();
    await agent(m.url);
    await m.waitForAgent();
    const dataPath = tempDataPath();
    running.dirs.push(dataPath);
    const spec = {
      ...uniqueServer(),
      image: testImage,
      imageTag: 'latest',
      env: {},
      ...(await freePorts()),
      dataPath,
    };
    try {
      m.sendRaw({
        type: 'request',
        id: 'late-1',
        command: { name: 'container.create', spec, idempotencyKey: 'op-late', requireData: false },
      });
      m.disconnectAgent(); // the create (pull + start) takes longer than this
      expect(m.replies.has('late-1')).toBe(false);
      const reply = await m.waitForReply('late-1', 30_000);
      expect(reply.ok).toBe(true);
      expect(m.hellos.length).toBeGreaterThanOrEqual(2);
    } finally {
      cleanupContainers([spec.serverId]);
    }
  });
});

function statSafe(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
