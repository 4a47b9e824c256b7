import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AgentCommand, ContainerSpec, CreateResult } from '@contract/agent-protocol';
import { FakeAgent, fakeImage } from '../testing/fake-agent';

// The create rules over the in-memory runtime and folders; the real-Docker proofs (the container
// of docs/design.md §5, the world surviving docker rm -f) are in create-container.docker.test.ts.
let a: FakeAgent;
beforeEach(() => {
  a = new FakeAgent();
});

const create = (
  spec: ContainerSpec,
  requireData = false,
  key = `op-${spec.serverId}`,
): AgentCommand => ({
  name: 'container.create',
  spec,
  idempotencyKey: key,
  requireData,
});

describe('container.create over the fakes', () => {
  it('fresh: data dirs and marker made, container running from the pulled tag, pinned', async () => {
    const spec = a.spec();
    const result = await a.ok<CreateResult>(create(spec));
    expect(result).toMatchObject({ adopted: false, freshData: true, imageSource: 'pulled' });
    expect(result.container).toMatchObject({ serverId: spec.serverId, running: true });
    expect(a.snapshotTree(a.root(spec))).toEqual({
      bin: '<dir>',
      data: '<dir>',
      '.zedops-server-id': `${spec.serverId}\n`,
    });
    const image = await a.runtime.imageInfo(`${fakeImage}:latest`);
    expect(result.image).toEqual({
      imageId: image!.id,
      imageDigest: image!.repoDigests[0]!.split('@')[1],
    });
  });

  it('requireData with no folder → DATA_MISSING, nothing created', async () => {
    const spec = a.spec();
    expect(await a.refused(create(spec, true))).toMatchObject({ code: 'DATA_MISSING' });
    expect(a.tree.exists(a.root(spec))).toBe(false);
    expect(a.containersOf(spec.serverId)).toEqual([]);
  });

  it('requireData with an empty data folder → DATA_MISSING, folder left as it was', async () => {
    const spec = a.spec();
    a.tree.mkdir(path.join(a.root(spec), 'data'));
    a.tree.write(path.join(a.root(spec), 'bin/ProjectZomboid64'), 'game binary');
    const before = a.snapshotTree(a.root(spec));
    expect(await a.refused(create(spec, true))).toMatchObject({ code: 'DATA_MISSING' });
    expect(a.snapshotTree(a.root(spec))).toEqual(before);
    expect(a.containersOf(spec.serverId)).toEqual([]);
  });

  it('existing data: kept as it is, not fresh; a foreign marker stays too', async () => {
    const spec = a.spec();
    a.tree.write(path.join(a.root(spec), 'data/Saves/world.txt'), 'precious');
    a.tree.write(path.join(a.root(spec), '.zedops-server-id'), 'srv-stranger\n');
    const before = a.snapshotTree(a.root(spec));
    const result = await a.ok<CreateResult>(create(spec, true));
    expect(result.freshData).toBe(false);
    expect(a.snapshotTree(a.root(spec))).toEqual({ ...before, bin: '<dir>' });
  });

  it('a second create adopts the (stopped) container instead of making another', async () => {
    const spec = a.spec();
    const first = await a.ok<CreateResult>(create(spec, false, 'op-1'));
    await a.runtime.stop(first.container.id, 1);
    const second = await a.ok<CreateResult>(create(spec, false, 'op-2'));
    expect(second).toMatchObject({ adopted: true, imageSource: 'existing', freshData: false });
    expect(second.container).toMatchObject({ id: first.container.id, running: true });
    expect(a.containersOf(spec.serverId)).toEqual([first.container.id]);
  });

  it('two concurrent creates with different keys make one container (per-server lock)', async () => {
    const spec = a.spec();
    const [x, y] = await Promise.all([
      a.ok<CreateResult>(create(spec, false, 'op-1')),
      a.ok<CreateResult>(create(spec, false, 'op-2')),
    ]);
    expect(x.container.id).toBe(y.container.id);
    expect(a.containersOf(spec.serverId)).toHaveLength(1);
  });

  it('the same idempotency key answers from the first run, even after the container went', async () => {
    const spec = a.spec();
    const first = await a.ok<CreateResult>(create(spec, false, 'op-1'));
    await a.runtime.remove(first.container.id);
    expect(await a.ok<CreateResult>(create(spec, false, 'op-1'))).toEqual(first);
    expect(a.containersOf(spec.serverId)).toEqual([]);
    // A failed run is forgotten: the retry really retries.
    const other = a.spec();
    a.runtime.images.registry.clear();
    a.runtime.images.localRefs.clear();
    expect(await a.refused(create(other, false, 'op-x'))).toMatchObject({
      code: 'IMAGE_PULL_FAILED',
    });
    a.runtime.images.publish(`${fakeImage}:latest`);
    expect(await a.ok<CreateResult>(create(other, false, 'op-x'))).toMatchObject({
      adopted: false,
    });
  });

  it('a foreign container with the target name → CONTAINER_NAME_CONFLICT, it and the disk untouched', async () => {
    const spec = a.spec();
    const foreign = a.runtime.addForeign(`steam-zomboid-${spec.serverName}`);
    expect(await a.refused(create(spec))).toMatchObject({
      code: 'CONTAINER_NAME_CONFLICT',
      details: { containerId: foreign.id, serverId: null },
    });
    expect(a.runtime.containers.get(foreign.id)).toMatchObject({ running: true });
    expect(a.tree.exists(a.root(spec))).toBe(false);
  });

  it('several refusals at once: the name first, then the port, then the data; nothing pulled or written', async () => {
    const spec = a.spec();
    const foreign = a.runtime.addForeign(`steam-zomboid-${spec.serverName}`);
    a.runtime.heldPorts.add(spec.udpPort);
    expect(await a.refused(create(spec, true))).toMatchObject({ code: 'CONTAINER_NAME_CONFLICT' });
    a.runtime.containers.delete(foreign.id);
    expect(await a.refused(create(spec, true))).toMatchObject({ code: 'PORT_CONFLICT' });
    a.runtime.heldPorts.delete(spec.udpPort);
    expect(await a.refused(create(spec, true))).toMatchObject({ code: 'DATA_MISSING' });
    expect(a.tree.exists(a.root(spec))).toBe(false);
    expect(a.containersOf(spec.serverId)).toEqual([]);
    expect(await a.runtime.imageInfo(`${fakeImage}:latest`)).toBeNull();
  });

  it('unsafe server names and data paths → INVALID_REQUEST before anything is touched', async () => {
    const spec = a.spec();
    for (const bad of [
      { serverName: '../etc' },
      { dataPath: '/etc' },
      { dataPath: 'relative/path' },
    ]) {
      expect(await a.refused(create({ ...spec, ...bad }))).toMatchObject({
        code: 'INVALID_REQUEST',
      });
    }
    expect(a.containersOf(spec.serverId)).toEqual([]);
    expect(a.tree.children('/srv/zedops')).toEqual([]);
  });

  it('a container that will not start is removed again, data kept → CONTAINER_START_FAILED', async () => {
    const spec = a.spec();
    a.tree.write(path.join(a.root(spec), 'data/world.txt'), 'w');
    a.runtime.unstartable.add(a.runtime.images.registry.get(`${fakeImage}:latest`)!.id);
    expect(await a.refused(create(spec, true))).toMatchObject({ code: 'CONTAINER_START_FAILED' });
    expect(a.runtime.containers.size).toBe(0);
    expect(a.tree.read(path.join(a.root(spec), 'data/world.txt'))).toBe('w');
  });

  it('Docker gone mid-way → DOCKER_UNAVAILABLE, nothing created', async () => {
    const spec = a.spec();
    a.runtime.goDown();
    expect(await a.refused(create(spec))).toMatchObject({ code: 'DOCKER_UNAVAILABLE' });
    a.runtime.goUp();
    expect(a.containersOf(spec.serverId)).toEqual([]);
    expect(a.tree.exists(a.root(spec))).toBe(false);
  });
});

describe('images', () => {
  it('registry down: the local copy of the tag is used and said so', async () => {
    const spec = a.spec();
    await a.runtime.ensureImage(`${fakeImage}:latest`, () => undefined);
    a.runtime.images.registry.clear();
    const { reply, progress } = await a.request(create(spec));
    expect(reply.ok && reply.result).toMatchObject({ imageSource: 'local' });
    expect(progress.some((p) => /local image/.test(p.message ?? ''))).toBe(true);
  });

  it('a pinned recreate uses exactly the pinned image, even after the tag moved', async () => {
    const spec = a.spec();
    const first = await a.ok<CreateResult>(create(spec));
    await a.runtime.remove(first.container.id);
    a.runtime.images.publish(`${fakeImage}:latest`);
    const again = await a.ok<CreateResult>(create({ ...spec, pin: first.image! }, false, 'op-2'));
    expect(again.image).toEqual(first.image);
    expect(again.container.image).toBe(first.image!.imageId);
  });

  it('a pinned image neither local nor pullable by digest → IMAGE_UNAVAILABLE', async () => {
    const spec = a.spec({ pin: { imageId: `sha256:${'a'.repeat(64)}`, imageDigest: null } });
    expect(await a.refused(create(spec))).toMatchObject({ code: 'IMAGE_UNAVAILABLE' });
    expect(a.tree.exists(a.root(spec))).toBe(false);
  });
});
