import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentCommand, ContainerSpec } from '@contract/agent-protocol';
import { AgentHarness, testLogger } from '../testing/agent-harness';
import { checksumDir, containersOf } from '../testing/docker-cli';
import { FakeManager } from '../testing/fake-manager';
import { startAgent } from '../start-agent';

// Issue 9 item 3, on the host: whatever the manager asks, the agent mounts and removes nothing
// outside the roots its owner allowed (here: the harness's test root only).
let h: AgentHarness;
let outside: string;
beforeAll(async () => {
  h = await AgentHarness.start();
  outside = mkdtempSync('/tmp/zedops-outside-roots-');
});
afterEach(() => h.cleanup());
afterAll(async () => {
  await h?.stop();
  rmSync(outside, { recursive: true, force: true });
});

const outsideSpec = async (): Promise<ContainerSpec> => h.newSpec({ dataPath: outside });

describe('the agent refuses folders outside its allowed roots', () => {
  it.each(['container.create', 'container.replace'] as const)(
    '%s → DATA_PATH_NOT_ALLOWED; no folder, no container',
    async (name) => {
      const spec = await outsideSpec();
      const { reply } = await h.manager.request({
        name,
        spec,
        idempotencyKey: `op-${spec.serverId}`,
        requireData: false,
      } as AgentCommand);
      expect(reply.ok || reply.error).toMatchObject({
        code: 'DATA_PATH_NOT_ALLOWED',
        details: { path: path.join(outside, spec.serverName), allowedRoots: [expect.any(String)] },
      });
      expect(containersOf(spec.serverId)).toEqual([]);
      expect(readdirSync(outside)).not.toContain(spec.serverName);
    },
  );

  it('a purge with removeData outside the roots → DATA_PATH_NOT_ALLOWED, nothing removed', async () => {
    const spec = await outsideSpec();
    const folder = path.join(outside, spec.serverName);
    mkdirSync(path.join(folder, 'data'), { recursive: true });
    writeFileSync(path.join(folder, '.zedops-server-id'), `${spec.serverId}\n`);
    writeFileSync(path.join(folder, 'data', 'world.txt'), 'precious');
    const sum = checksumDir(folder);
    const { reply } = await h.manager.request({
      name: 'container.remove',
      serverId: spec.serverId,
      serverName: spec.serverName,
      dataPath: outside,
      removeData: true,
    });
    expect(reply.ok || reply.error.code).toBe('DATA_PATH_NOT_ALLOWED');
    expect(checksumDir(folder)).toBe(sum);
  });
});

describe('the agent checks its own configuration before connecting', () => {
  it.each([
    ['a relative default path', { defaultDataPath: '../../relative' }],
    ['a system default path', { defaultDataPath: '/etc/zomboid' }],
    ['a bad extra root', { defaultDataPath: '/srv/zomboid', allowedRoots: ['/srv//x'] }],
    ['no root at all', {}],
  ])('%s: the agent does not start and says why', async (_label, paths) => {
    const manager = await FakeManager.start();
    const stateDir = mkdtempSync('/tmp/zedops-agent-state-');
    try {
      await expect(
        startAgent({
          managerUrl: manager.url,
          token: 'reg-token',
          stateDir,
          logger: testLogger(),
          ...paths,
        }),
      ).rejects.toThrow(/refused|no data root/);
      expect(manager.hellos).toEqual([]);
    } finally {
      await manager.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
