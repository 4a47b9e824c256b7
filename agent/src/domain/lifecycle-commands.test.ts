import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerInfo, CreateResult, DataCheckItem } from '@contract/agent-protocol';
import { AgentHarness } from '../testing/agent-harness';
import { checksumDir, containersOf, docker, readLines } from '../testing/docker-cli';
import { waitFor } from '../testing/fake-manager';

let h: AgentHarness;
beforeAll(async () => {
  h = await AgentHarness.start();
});
afterEach(() => h.cleanup());
afterAll(async () => {
  await h?.stop();
});

const root = (spec: { dataPath: string; serverName: string }) =>
  path.join(spec.dataPath, spec.serverName);
const bootLines = (spec: { dataPath: string; serverName: string }) =>
  readLines(path.join(root(spec), 'data/boot.log')).length;

async function created() {
  const spec = await h.newSpec();
  const result = await h.manager.ok<CreateResult>({
    name: 'container.create',
    spec,
    idempotencyKey: `op-${spec.serverId}`,
    requireData: false,
  });
  await waitFor(() => bootLines(spec) >= 1, 15_000, 'first boot');
  return { spec, container: result.container };
}

describe('start / stop / restart / list', () => {
  it('stops gracefully, starts again and restarts, keeping the world', async () => {
    const { spec, container } = await created();
    const world = readFileSync(path.join(root(spec), 'data/Saves/Multiplayer/world.txt'), 'utf8');

    const started = Date.now();
    const stopped = await h.manager.ok<{ container: ContainerInfo }>({
      name: 'container.stop',
      serverId: spec.serverId,
      timeoutSeconds: 20,
    });
    expect(Date.now() - started).toBeLessThan(10_000); // the game traps SIGTERM: no 20 s SIGKILL wait
    expect(stopped.container).toMatchObject({ id: container.id, running: false, state: 'exited' });
    expect(JSON.parse(docker('inspect', container.id))[0].State.ExitCode).toBe(0);

    const again = await h.manager.ok<{ container: ContainerInfo }>({
      name: 'container.start',
      serverId: spec.serverId,
    });
    expect(again.container).toMatchObject({ id: container.id, running: true });
    await waitFor(() => bootLines(spec) >= 2, 15_000, 'second boot');

    await h.manager.ok({ name: 'container.restart', serverId: spec.serverId, timeoutSeconds: 10 });
    await waitFor(() => bootLines(spec) >= 3, 15_000, 'third boot');
    expect(readFileSync(path.join(root(spec), 'data/Saves/Multiplayer/world.txt'), 'utf8')).toBe(
      world,
    );
  });

  it('lists managed containers, stopped ones included', async () => {
    const a = await created();
    const b = await created();
    docker('stop', '-t', '1', b.container.id);
    const { containers } = await h.manager.ok<{ containers: ContainerInfo[] }>({
      name: 'container.list',
    });
    const mine = containers.filter((c) => [a.spec.serverId, b.spec.serverId].includes(c.serverId));
    expect(mine.map((c) => [c.serverId, c.running]).sort()).toEqual(
      [
        [a.spec.serverId, true],
        [b.spec.serverId, false],
      ].sort(),
    );
    expect(mine.every((c) => c.name.startsWith('steam-zomboid-'))).toBe(true);
  });

  it('start / stop / restart with no container → NO_CONTAINER', async () => {
    const spec = await h.newSpec();
    for (const command of [
      { name: 'container.start' as const, serverId: spec.serverId },
      { name: 'container.stop' as const, serverId: spec.serverId, timeoutSeconds: 5 },
      { name: 'container.restart' as const, serverId: spec.serverId, timeoutSeconds: 5 },
    ]) {
      const { reply } = await h.manager.request(command);
      expect(reply.ok || reply.error.code).toBe('NO_CONTAINER');
    }
  });
});

describe('container.replace', () => {
  it('swaps the container for a new one from the spec, data kept', async () => {
    const { spec, container } = await created();
    const world = readFileSync(path.join(root(spec), 'data/Saves/Multiplayer/world.txt'), 'utf8');
    const newSpec = { ...spec, imageTag: 'v2', env: { ...spec.env, SERVER_NAME: 'renamed' } };
    const { reply, progress } = await h.manager.request({
      name: 'container.replace',
      spec: newSpec,
      idempotencyKey: 'rebuild-1',
      requireData: true,
    });
    expect(reply.ok).toBe(true);
    const result = (reply as { result: CreateResult }).result;
    expect(result.container.id).not.toBe(container.id);
    expect(result.container.image).toBe(`${spec.image}:v2`);
    expect(containersOf(spec.serverId)).toEqual([result.container.id]);
    expect(progress.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['pulling', 'removing', 'creating', 'starting']),
    );
    await waitFor(() => bootLines(spec) >= 2, 15_000, 'boot after replace');
    expect(readFileSync(path.join(root(spec), 'data/Saves/Multiplayer/world.txt'), 'utf8')).toBe(
      world,
    );
    expect(JSON.parse(docker('inspect', result.container.id))[0].Config.Env).toContain(
      'SERVER_NAME=renamed',
    );
  });

  it('repeating a replace with the same idempotency key does not replace twice', async () => {
    const { spec } = await created();
    const first = await h.manager.ok<CreateResult>({
      name: 'container.replace',
      spec,
      idempotencyKey: 'rebuild-x',
      requireData: true,
    });
    const second = await h.manager.ok<CreateResult>({
      name: 'container.replace',
      spec,
      idempotencyKey: 'rebuild-x',
      requireData: true,
    });
    expect(second.container.id).toBe(first.container.id);
    expect(containersOf(spec.serverId)).toEqual([first.container.id]);
  });
});

describe('container.remove', () => {
  it('removes the container and keeps the data unless removeData', async () => {
    const { spec, container } = await created();
    docker('stop', '-t', '1', container.id);
    const sum = checksumDir(root(spec));
    const result = await h.manager.ok({
      name: 'container.remove',
      serverId: spec.serverId,
      serverName: spec.serverName,
      dataPath: spec.dataPath,
      removeData: false,
    });
    expect(result).toEqual({ removedContainerIds: [container.id], dataRemoved: false });
    expect(containersOf(spec.serverId)).toEqual([]);
    expect(checksumDir(root(spec))).toBe(sum);
  });

  it('purge with removeData deletes {dataPath}/{name} and nothing beside it', async () => {
    const { spec } = await created();
    const neighbour = path.join(spec.dataPath, 'neighbour');
    mkdirSync(neighbour);
    writeFileSync(path.join(neighbour, 'keep.txt'), 'keep');
    const result = await h.manager.ok({
      name: 'container.remove',
      serverId: spec.serverId,
      serverName: spec.serverName,
      dataPath: spec.dataPath,
      removeData: true,
    });
    expect(result).toMatchObject({ dataRemoved: true });
    expect(existsSync(root(spec))).toBe(false);
    expect(readFileSync(path.join(neighbour, 'keep.txt'), 'utf8')).toBe('keep');
  });

  const purge = (spec: { serverId: string; serverName: string; dataPath: string }) =>
    h.manager.request({
      name: 'container.remove',
      serverId: spec.serverId,
      serverName: spec.serverName,
      dataPath: spec.dataPath,
      removeData: true,
    });

  it('refuses to purge data whose marker names another server, removing nothing', async () => {
    const { spec, container } = await created();
    writeFileSync(path.join(root(spec), '.zedops-server-id'), 'someone-else\n');
    const sum = checksumDir(root(spec));
    const { reply } = await purge(spec);
    expect(reply.ok || reply.error).toMatchObject({
      code: 'PURGE_REFUSED',
      details: { path: root(spec), markerServerId: 'someone-else' },
    });
    expect(containersOf(spec.serverId)).toEqual([container.id]);
    expect(checksumDir(root(spec))).toBe(sum);
  });

  it('refuses to purge a folder without a marker (nothing proves it is ours), removing nothing', async () => {
    const { spec, container } = await created();
    rmSync(path.join(root(spec), '.zedops-server-id'));
    const sum = checksumDir(root(spec));
    const { reply } = await purge(spec);
    expect(reply.ok || reply.error.code).toBe('PURGE_REFUSED');
    expect(reply.ok || reply.error.message).toContain('no .zedops-server-id marker');
    expect(containersOf(spec.serverId)).toEqual([container.id]);
    expect(checksumDir(root(spec))).toBe(sum);
  });

  it('a purge whose folder is already gone removes the containers and reports no data removed', async () => {
    const spec = await h.newSpec();
    const { reply } = await purge(spec);
    expect(reply.ok && reply.result).toEqual({ removedContainerIds: [], dataRemoved: false });
    expect(existsSync(root(spec))).toBe(false);
  });
});

describe('data.check', () => {
  it('reports data, bin and marker for a batch in one round trip, read only', async () => {
    const withData = await h.newSpec();
    const emptyData = await h.newSpec();
    const foreign = await h.newSpec();
    const absent = await h.newSpec();
    for (const [spec, marker] of [
      [withData, withData.serverId],
      [emptyData, null],
      [foreign, 'another-server'],
    ] as const) {
      mkdirSync(path.join(root(spec), 'data'), { recursive: true });
      mkdirSync(path.join(root(spec), 'bin'), { recursive: true });
      if (marker) writeFileSync(path.join(root(spec), '.zedops-server-id'), `${marker}\n`);
    }
    writeFileSync(path.join(root(withData), 'data/world.txt'), 'w');
    writeFileSync(path.join(root(foreign), 'data/world.txt'), 'w');
    const sums = [withData, emptyData, foreign].map((s) => checksumDir(root(s)));

    const items = [withData, emptyData, foreign, absent].map((s) => ({
      serverId: s.serverId,
      serverName: s.serverName,
      dataPath: s.dataPath,
    }));
    const { results } = await h.manager.ok<{ results: DataCheckItem[] }>({
      name: 'data.check',
      items,
    });
    const oneFile = { fileCount: 1, totalBytes: 1, hasSaves: false };
    const noFile = { fileCount: 0, totalBytes: 0, hasSaves: false };
    expect(
      results.map(({ checkedAt: _, fingerprint, ...r }) => {
        const { takenAt: __, ...measure } = fingerprint ?? { takenAt: '' };
        return { ...r, fingerprint: fingerprint && measure };
      }),
    ).toEqual([
      {
        serverId: withData.serverId,
        dataExists: true,
        binExists: true,
        marker: 'match',
        fingerprint: oneFile,
      },
      {
        serverId: emptyData.serverId,
        dataExists: false,
        binExists: true,
        marker: 'absent',
        fingerprint: noFile,
      },
      {
        serverId: foreign.serverId,
        dataExists: true,
        binExists: true,
        marker: 'mismatch',
        fingerprint: oneFile,
      },
      {
        serverId: absent.serverId,
        dataExists: false,
        binExists: false,
        marker: 'absent',
        fingerprint: null,
      },
    ]);
    expect([withData, emptyData, foreign].map((s) => checksumDir(root(s)))).toEqual(sums);
    expect(existsSync(root(absent))).toBe(false);
  });
});
