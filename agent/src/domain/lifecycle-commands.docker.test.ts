import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContainerInfo, CreateResult } from '@contract/agent-protocol';
import { AgentHarness, withAgentHarness } from '../testing/agent-harness';
import { checksumDir, containersOf, docker, readLines } from '../testing/docker-cli';
import { waitFor } from '../testing/fake-manager';

let h: AgentHarness;
withAgentHarness((harness) => {
  h = harness;
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
});
