import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ContainerSpec, CreateResult, DataCheckItem } from '@contract/agent-protocol';
import { FakeAgent } from '../testing/fake-agent';

// Lifecycle rules over the in-memory runtime and folders; the real-Docker proofs (graceful stop,
// the world kept across restart and replace, a purge on a real disk) are in
// lifecycle-commands.docker.test.ts.
let a: FakeAgent;
beforeEach(() => {
  a = new FakeAgent();
});

async function created(spec: ContainerSpec = a.spec()) {
  const result = await a.ok<CreateResult>({
    name: 'container.create',
    spec,
    idempotencyKey: `op-${spec.serverId}`,
    requireData: false,
  });
  a.tree.write(path.join(a.root(spec), 'data/Saves/world.txt'), 'the world');
  return { spec, container: result.container };
}

const removeCommand = (spec: ContainerSpec, removeData: boolean) =>
  ({
    name: 'container.remove',
    serverId: spec.serverId,
    serverName: spec.serverName,
    dataPath: spec.dataPath,
    removeData,
  }) as const;

describe('start / stop / restart', () => {
  it('act on the server’s container and report its state', async () => {
    const { spec, container } = await created();
    const stop = { name: 'container.stop', serverId: spec.serverId, timeoutSeconds: 5 } as const;
    expect(await a.ok(stop)).toEqual({
      container: expect.objectContaining({ id: container.id, running: false }),
    });
    expect(await a.ok({ name: 'container.start', serverId: spec.serverId })).toEqual({
      container: expect.objectContaining({ running: true }),
    });
    const { progress } = await a.request({ ...stop, name: 'container.restart' });
    expect(progress.map((p) => p.phase)).toEqual(['stopping']);
    expect(a.runtime.containers.get(container.id)).toMatchObject({ running: true });
  });

  it('with no container → NO_CONTAINER', async () => {
    const spec = a.spec();
    for (const command of [
      { name: 'container.start' as const, serverId: spec.serverId },
      { name: 'container.stop' as const, serverId: spec.serverId, timeoutSeconds: 5 },
      { name: 'container.restart' as const, serverId: spec.serverId, timeoutSeconds: 5 },
    ]) {
      expect(await a.refused(command)).toMatchObject({ code: 'NO_CONTAINER' });
    }
  });
});

describe('container.replace', () => {
  const replace = (spec: ContainerSpec, key = 'rebuild-1') =>
    ({ name: 'container.replace', spec, idempotencyKey: key, requireData: true }) as const;

  it('a new container from the spec, data kept; the same key does not replace twice', async () => {
    const { spec, container } = await created();
    const before = a.snapshotTree(a.root(spec));
    const { reply, progress } = await a.request(replace({ ...spec, imageTag: 'v2' }));
    const result = (reply as { result: CreateResult }).result;
    expect(result.container).toMatchObject({ image: `${spec.image}:v2`, running: true });
    expect(result.container.id).not.toBe(container.id);
    expect(progress.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['pulling', 'removing', 'creating', 'starting']),
    );
    expect(a.snapshotTree(a.root(spec))).toEqual(before);
    expect(await a.ok(replace({ ...spec, imageTag: 'v2' }))).toEqual(result);
    expect(a.containersOf(spec.serverId)).toEqual([result.container.id]);
  });

  it('a refused or failed replace leaves the old container where it was', async () => {
    const { spec, container } = await created();
    a.runtime.heldPorts.add(spec.gamePort + 30);
    const moved = { ...spec, gamePort: spec.gamePort + 30, udpPort: spec.gamePort + 31 };
    expect(await a.refused(replace(moved, 'r-ports'))).toMatchObject({ code: 'PORT_CONFLICT' });
    expect(await a.refused(replace({ ...spec, imageTag: 'nope' }, 'r-pull'))).toMatchObject({
      code: 'IMAGE_PULL_FAILED',
    });
    expect(a.containersOf(spec.serverId)).toEqual([container.id]);
    expect(a.runtime.containers.get(container.id)).toMatchObject({ running: true });
  });

  it('a stranger holding the name → CONTAINER_NAME_CONFLICT, own container kept', async () => {
    const spec = a.spec();
    a.runtime.addForeign(`steam-zomboid-${spec.serverName}`);
    a.tree.write(path.join(a.root(spec), 'data/w.txt'), 'w');
    expect(await a.refused(replace(spec))).toMatchObject({ code: 'CONTAINER_NAME_CONFLICT' });
  });
});

describe('container.remove', () => {
  it('removes the containers and keeps the data unless removeData', async () => {
    const { spec, container } = await created();
    const before = a.snapshotTree(a.root(spec));
    expect(await a.ok(removeCommand(spec, false))).toEqual({
      removedContainerIds: [container.id],
      dataRemoved: false,
    });
    expect(a.containersOf(spec.serverId)).toEqual([]);
    expect(a.snapshotTree(a.root(spec))).toEqual(before);
  });

  it('purge deletes {dataPath}/{name} and nothing beside it', async () => {
    const { spec } = await created();
    a.tree.write(path.join(spec.dataPath, 'neighbour/keep.txt'), 'keep');
    expect(await a.ok(removeCommand(spec, true))).toMatchObject({ dataRemoved: true });
    expect(a.tree.exists(a.root(spec))).toBe(false);
    expect(a.tree.read(path.join(spec.dataPath, 'neighbour/keep.txt'))).toBe('keep');
  });

  it.each([
    ['names another server', 'someone-else\n', { markerServerId: 'someone-else' }],
    ['is missing', null, { markerServerId: null }],
  ])(
    'refuses a purge when the marker %s, removing nothing (not even the container)',
    async (_l, marker, details) => {
      const { spec, container } = await created();
      const markerPath = path.join(a.root(spec), '.zedops-server-id');
      if (marker) a.tree.write(markerPath, marker);
      else a.tree.remove(markerPath);
      const before = a.snapshotTree(a.root(spec));
      expect(await a.refused(removeCommand(spec, true))).toMatchObject({
        code: 'PURGE_REFUSED',
        details: { path: a.root(spec), ...details },
      });
      expect(a.containersOf(spec.serverId)).toEqual([container.id]);
      expect(a.snapshotTree(a.root(spec))).toEqual(before);
    },
  );

  it('a purge whose folder is already gone removes the containers and reports no data removed', async () => {
    const spec = a.spec();
    expect(await a.ok(removeCommand(spec, true))).toEqual({
      removedContainerIds: [],
      dataRemoved: false,
    });
  });
});

describe('data.check', () => {
  it('reports data, bin, marker and fingerprint for a batch, read only', async () => {
    const [withData, emptyData, foreign, absent] = [a.spec(), a.spec(), a.spec(), a.spec()];
    for (const [spec, marker] of [
      [withData, withData.serverId],
      [emptyData, null],
      [foreign, 'another-server'],
    ] as const) {
      a.tree.mkdir(path.join(a.root(spec), 'data'));
      a.tree.mkdir(path.join(a.root(spec), 'bin'));
      if (marker) a.tree.write(path.join(a.root(spec), '.zedops-server-id'), `${marker}\n`);
    }
    a.tree.write(path.join(a.root(withData), 'data/Saves/w.txt'), 'w');
    a.tree.write(path.join(a.root(foreign), 'data/world.txt'), 'w');
    const before = a.snapshotTree('/srv/zedops');
    const { results } = await a.ok<{ results: DataCheckItem[] }>({
      name: 'data.check',
      items: [withData, emptyData, foreign, absent].map((s) => ({
        serverId: s.serverId,
        serverName: s.serverName,
        dataPath: s.dataPath,
      })),
    });
    expect(
      results.map(({ checkedAt: _, fingerprint, ...r }) => ({
        ...r,
        fp: fingerprint && [fingerprint.fileCount, fingerprint.hasSaves],
      })),
    ).toEqual([
      {
        serverId: withData.serverId,
        dataExists: true,
        binExists: true,
        marker: 'match',
        fp: [1, true],
      },
      {
        serverId: emptyData.serverId,
        dataExists: false,
        binExists: true,
        marker: 'absent',
        fp: [0, false],
      },
      {
        serverId: foreign.serverId,
        dataExists: true,
        binExists: true,
        marker: 'mismatch',
        fp: [1, false],
      },
      {
        serverId: absent.serverId,
        dataExists: false,
        binExists: false,
        marker: 'absent',
        fp: null,
      },
    ]);
    expect(a.snapshotTree('/srv/zedops')).toEqual(before);
  });

  it('one unsafe item refuses the whole batch (never "no data" for it)', async () => {
    const spec = a.spec();
    const item = { serverId: spec.serverId, serverName: spec.serverName, dataPath: spec.dataPath };
    expect(
      await a.refused({ name: 'data.check', items: [item, { ...item, serverName: '../etc' }] }),
    ).toMatchObject({ code: 'INVALID_REQUEST' });
  });
});
