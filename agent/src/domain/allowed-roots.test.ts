import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AgentCommand } from '@contract/agent-protocol';
import { testLogger } from '../testing/agent-harness';
import { FakeAgent } from '../testing/fake-agent';
import { FakeManager } from '../testing/fake-manager';
import { startAgent } from '../start-agent';

// Issue 9 item 3, on the host: whatever the manager asks, the agent mounts and removes nothing
// outside the roots its owner allowed (here: /srv/zedops only).
const outside = '/srv/elsewhere';
let a: FakeAgent;
beforeEach(() => {
  a = new FakeAgent();
  a.tree.mkdir(outside);
});

describe('the agent refuses folders outside its allowed roots', () => {
  it.each(['container.create', 'container.replace'] as const)(
    '%s → DATA_PATH_NOT_ALLOWED; no folder, no container',
    async (name) => {
      const spec = a.spec({ dataPath: outside });
      expect(
        await a.refused({
          name,
          spec,
          idempotencyKey: `op-${spec.serverId}`,
          requireData: false,
        } as AgentCommand),
      ).toMatchObject({
        code: 'DATA_PATH_NOT_ALLOWED',
        details: { path: path.join(outside, spec.serverName), allowedRoots: ['/srv/zedops'] },
      });
      expect(a.runtime.containers.size).toBe(0);
      expect(a.tree.children(outside)).toEqual([]);
    },
  );

  it('a purge with removeData outside the roots → DATA_PATH_NOT_ALLOWED, nothing removed', async () => {
    const spec = a.spec({ dataPath: outside });
    a.tree.write(path.join(a.root(spec), '.zedops-server-id'), `${spec.serverId}\n`);
    a.tree.write(path.join(a.root(spec), 'data/world.txt'), 'precious');
    const before = a.snapshotTree(outside);
    expect(
      await a.refused({
        name: 'container.remove',
        serverId: spec.serverId,
        serverName: spec.serverName,
        dataPath: outside,
        removeData: true,
      }),
    ).toMatchObject({ code: 'DATA_PATH_NOT_ALLOWED' });
    expect(a.snapshotTree(outside)).toEqual(before);
  });

  it('a prefix of a root is not inside it (/srv/zedops-evil is not /srv/zedops)', async () => {
    const spec = a.spec({ dataPath: '/srv/zedops-evil' });
    expect(
      await a.refused({
        name: 'container.create',
        spec,
        idempotencyKey: 'op-1',
        requireData: false,
      }),
    ).toMatchObject({ code: 'DATA_PATH_NOT_ALLOWED' });
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
