import { describe, expect, it } from 'vitest';
import { ListResult, type AgentCommand, type ReplyFrame } from '@contract/agent-protocol';
import { driftDigest } from '@contract/drift-digest';
import { labels } from '../runtime/labels';
import { testLogger } from '../testing/agent-harness';
import { FakeHostData } from '../testing/fake-host-data';
import { FakeRuntime, type FakeContainer } from '../testing/fake-runtime';
import { Dispatcher } from '../protocol/dispatch';

/** Three managed containers (one reported without details, as when its inspect failed). */
function host() {
  const runtime = new FakeRuntime();
  runtime.images.local.set('sha256:img', {
    id: 'sha256:img',
    repoDigests: [],
    env: { PATH: '/bin', TZ: 'UTC' },
  });
  for (let i = 0; i < 3; i++) {
    const c: FakeContainer = {
      id: `c${i}`,
      name: `steam-zomboid-s${i}`,
      imageRef: 'img:latest',
      imageId: 'sha256:img',
      env: { PATH: '/bin', TZ: 'UTC', SERVER_UDP_PORT: `1626${i}`, EXTRA: `x${i}` },
      labels: {
        [labels.managed]: 'true',
        [labels.serverId]: `s${i}`,
        [labels.serverName]: `s${i}`,
      },
      udpPorts: [16261 + i],
      mounts: [{ hostPath: `/srv/s${i}/data`, containerPath: '/home/steam/Zomboid' }],
      running: true,
      state: 'running',
      createdAt: new Date().toISOString(),
      ...(i === 2
        ? {
            reportAs: ({ ports: _p, mounts: _m, env: _e, ...basic }) => basic,
          }
        : {}),
    };
    runtime.containers.set(c.id, c);
  }
  const dispatcher = new Dispatcher({
    runtime,
    data: new FakeHostData(),
    allowedRoots: ['/srv'],
    logger: testLogger(),
    send: () => undefined,
    sendReply: (frame) => {
      if (frame.type === 'reply') answered.get(frame.id)?.(frame);
    },
  });
  const answered = new Map<string, (reply: ReplyFrame) => void>();
  let n = 0;
  const list = async (command: Omit<Extract<AgentCommand, { name: 'container.list' }>, 'name'>) => {
    const id = `l${n++}`;
    const reply = new Promise<ReplyFrame>((resolve) => answered.set(id, resolve));
    dispatcher.handle({ type: 'request', id, command: { name: 'container.list', ...command } });
    const frame = await reply;
    if (!frame.ok) throw new Error(frame.error.message);
    return ListResult.parse(frame.result);
  };
  return { list };
}

describe('container.list with digests', () => {
  it('reports one digest per container in place of the details it is taken over', async () => {
    const h = host();
    const details = await h.list({});
    const digested = await h.list({ digest: true });
    expect(digested.imageEnv).toEqual(details.imageEnv);
    for (const [i, d] of digested.containers.entries()) {
      const full = details.containers[i]!;
      if (!full.ports) {
        // Without details (its inspect failed) a container goes as it is, and is compared so.
        expect(d).toEqual(full);
        continue;
      }
      const { ports, mounts, env, ...rest } = full;
      expect(d).toEqual({ ...rest, digest: driftDigest({ ports, mounts: mounts!, env: env! }) });
      // Name, image and image id stay in the clear.
      expect([d.name, d.image, d.imageId]).toEqual([full.name, full.image, full.imageId]);
    }
    expect(digested.containers.filter((c) => c.digest !== undefined)).toHaveLength(2);
    // Each container's own: no two the same.
    expect(new Set(digested.containers.map((c) => c.digest)).size).toBe(3);
  });

  it('lists only the servers named by serverIds, with their details', async () => {
    const h = host();
    const some = await h.list({ serverIds: ['s0', 's2', 'not-here'] });
    expect(some.containers.map((c) => c.serverId).sort()).toEqual(['s0', 's2']);
    expect(some.containers.find((c) => c.serverId === 's0')!.env).toEqual({
      SERVER_UDP_PORT: '16260',
      EXTRA: 'x0',
    });
    expect((await h.list({ serverIds: [] })).containers).toEqual([]);
    // With serverId too, both apply.
    expect((await h.list({ serverId: 's1', serverIds: ['s0'] })).containers).toEqual([]);
  });
});
