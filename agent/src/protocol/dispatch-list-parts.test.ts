import { describe, expect, it } from 'vitest';
import {
  ListPart,
  ListResult,
  type AgentToManagerFrame,
  type ReplyFrame,
} from '@contract/agent-protocol';
import { driftDigest } from '@contract/drift-digest';
import { joinListParts } from '@contract/list-parts';
import { labels } from '../runtime/labels';
import { testLogger } from '../testing/agent-harness';
import { FakeHostData } from '../testing/fake-host-data';
import { FakeRuntime, type FakeContainer } from '../testing/fake-runtime';
import { Dispatcher } from './dispatch';

/** A host with `count` managed containers; `malformed` ones are reported with a broken field. */
function host(count: number, malformed: Set<number> = new Set()) {
  const runtime = new FakeRuntime();
  for (let i = 0; i < count; i++) {
    const c: FakeContainer = {
      id: `c${String(i).padStart(4, '0')}`,
      name: `steam-zomboid-s${i}`,
      imageRef: 'img:latest',
      imageId: 'sha256:img',
      env: {},
      labels: {
        [labels.managed]: 'true',
        [labels.serverId]: `s${i}`,
        [labels.serverName]: `s${i}`,
      },
      udpPorts: [],
      mounts: [],
      running: true,
      state: 'running',
      createdAt: new Date().toISOString(),
      ...(malformed.has(i) ? { reportAs: (r) => ({ ...r, createdAt: 'yesterday' }) } : {}),
    };
    runtime.containers.set(c.id, c);
  }
  const frames: AgentToManagerFrame[] = [];
  let answered: (reply: ReplyFrame) => void = () => undefined;
  const reply = new Promise<ReplyFrame>((resolve) => (answered = resolve));
  const dispatcher = new Dispatcher({
    runtime,
    data: new FakeHostData(),
    allowedRoots: ['/srv'],
    logger: testLogger(),
    send: (frame) => frames.push(frame),
    sendReply: (frame) => {
      frames.push(frame);
      if (frame.type === 'reply') answered(frame);
    },
  });
  const list = (partSize: number, digest?: boolean) =>
    dispatcher.handle({
      type: 'request',
      id: 'l1',
      command: { name: 'container.list', partSize, ...(digest ? { digest } : {}) },
    });
  return { frames, reply, list, runtime };
}

const partsOf = (frames: AgentToManagerFrame[]) =>
  frames.flatMap((f) => (f.type === 'reply.part' ? [ListPart.parse(f.result)] : []));

describe('a container list in parts', () => {
  it('goes out one part per event-loop turn, each part valid, the reply counting them', async () => {
    const h = host(25);
    h.list(10);
    // A turn that starts right after the request: the parts are not all out yet.
    const seenInFirstTurn = await new Promise<number>((resolve) =>
      setImmediate(() => resolve(partsOf(h.frames).length)),
    );
    const reply = await h.reply;
    const parts = partsOf(h.frames);
    expect(seenInFirstTurn).toBeLessThan(parts.length);
    expect(parts.map((p) => p.containers.length)).toEqual([10, 10]);
    const rest = ListResult.parse(reply.ok ? reply.result : undefined);
    expect(rest.parts).toBe(2);
    const whole = joinListParts(parts, rest)!;
    expect(whole.containers.map((c) => c.serverId).sort()).toEqual(
      Array.from({ length: 25 }, (_, i) => `s${i}`).sort(),
    );
  });

  it('with a container the contract refuses (our bug) ends in INTERNAL, whatever parts went before', async () => {
    const h = host(25, new Set([12])); // in the second part
    h.list(10);
    const reply = await h.reply;
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    // What did go out is valid; the manager fails the request on this reply all the same.
    expect(partsOf(h.frames).map((p) => p.containers.length)).toEqual([10]);
  });

  it('asked for digests, every part and the reply carry each container digested as it would be listed whole', async () => {
    const h = host(25);
    const whole = await h.runtime.listManaged();
    h.list(10, true);
    const reply = await h.reply;
    const rest = ListResult.parse(reply.ok ? reply.result : undefined);
    const joined = joinListParts(partsOf(h.frames), rest)!;
    expect(joined.containers).toHaveLength(25);
    for (const c of joined.containers) {
      const listed = whole.containers.find((w) => w.serverId === c.serverId)!;
      expect(c).not.toHaveProperty('ports');
      expect(c).not.toHaveProperty('mounts');
      expect(c).not.toHaveProperty('env');
      expect(c.digest).toBe(
        driftDigest({ ports: listed.ports!, mounts: listed.mounts!, env: listed.env! }),
      );
    }
  });
});
