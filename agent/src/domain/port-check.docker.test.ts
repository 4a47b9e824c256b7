import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CreateResult } from '@contract/agent-protocol';
import { AgentHarness } from '../testing/agent-harness';
import { containersOf } from '../testing/docker-cli';

let h: AgentHarness;
beforeAll(async () => {
  h = await AgentHarness.start();
});
afterEach(() => h.cleanup());
afterAll(async () => {
  await h?.stop();
});

const serverDir = (spec: { dataPath: string; serverName: string }) =>
  path.join(spec.dataPath, spec.serverName);

describe('port check before create', () => {
  it('a host port held by another process → PORT_CONFLICT naming the port', async () => {
    const spec = await h.newSpec();
    const holder = await holdUdpPort(spec.udpPort);
    try {
      const { reply } = await h.manager.request({
        name: 'container.create',
        spec,
        idempotencyKey: 'op-1',
        requireData: false,
      });
      expect(reply.ok).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe('PORT_CONFLICT');
        expect(reply.error.details?.port).toBe(spec.udpPort);
        expect(reply.error.message).toContain(String(spec.udpPort));
      }
      expect(containersOf(spec.serverId)).toEqual([]);
      expect(existsSync(serverDir(spec))).toBe(false);
    } finally {
      holder.kill();
    }
  });

  it('a host port published by another server’s container → PORT_CONFLICT naming that container', async () => {
    const other = await h.newSpec();
    const created = await h.manager.ok<CreateResult>({
      name: 'container.create',
      spec: other,
      idempotencyKey: 'op-1',
      requireData: false,
    });
    const spec = await h.newSpec({
      gamePort: other.gamePort,
      udpPort: other.gamePort + 50,
      rconPort: other.gamePort + 51,
    });
    const { reply } = await h.manager.request({
      name: 'container.create',
      spec,
      idempotencyKey: 'op-2',
      requireData: false,
    });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('PORT_CONFLICT');
      expect(reply.error.details).toMatchObject({
        port: other.gamePort,
        containerId: created.container.id,
        serverId: other.serverId,
      });
    }
  });
});

/** A separate process bound to host UDP `port` (as another game server would be). */
async function holdUdpPort(port: number) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [
    '-e',
    `require('node:dgram').createSocket('udp4').bind(${port}, '0.0.0.0', () => console.log('bound'))`,
  ]);
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`port holder exited with ${code}`)));
  });
  return child;
}
