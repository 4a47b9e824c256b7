import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CreateResult } from '@contract/agent-protocol';
import { AgentHarness, withAgentHarness } from '../testing/agent-harness';
import { docker, readLines, snapshotDir } from '../testing/docker-cli';
import { waitFor } from '../testing/fake-manager';

let h: AgentHarness;
withAgentHarness((harness) => {
  h = harness;
});

const serverDir = (spec: { dataPath: string; serverName: string }) =>
  path.join(spec.dataPath, spec.serverName);
const worldFile = (root: string) => path.join(root, 'data/Saves/Multiplayer/world.txt');
const bootLog = (root: string) => path.join(root, 'data/boot.log');
const waitForBoots = (root: string, n: number) =>
  waitFor(
    () => readLines(bootLog(root)).length >= n,
    15_000,
    `${n} boot line(s) in ${bootLog(root)}`,
  );

describe('container.create on the real engine', () => {
  it('creates fresh dirs and a docs/design.md §5 container when data is absent', async () => {
    const spec = await h.newSpec();
    const result = await h.manager.ok<CreateResult>({
      name: 'container.create',
      spec,
      idempotencyKey: 'op-1',
      requireData: false,
    });
    const root = serverDir(spec);

    expect(result).toMatchObject({ adopted: false, freshData: true, imageSource: 'pulled' });
    expect(result.container).toMatchObject({
      name: `steam-zomboid-${spec.serverName}`,
      serverId: spec.serverId,
      running: true,
    });
    expect(readFileSync(path.join(root, '.zedops-server-id'), 'utf8').trim()).toBe(spec.serverId);
    expect(existsSync(path.join(root, 'bin'))).toBe(true);
    await waitForBoots(root, 1);

    const inspect = JSON.parse(docker('inspect', result.container.id))[0];
    expect(inspect.Config.Labels).toMatchObject({
      'zedops.managed': 'true',
      'zedops.server.id': spec.serverId,
      'zedops.server.name': spec.serverName,
    });
    expect(inspect.Config.Env).toEqual(
      expect.arrayContaining([
        'SERVER_NAME=test',
        `SERVER_DEFAULT_PORT=${spec.gamePort}`,
        `SERVER_UDP_PORT=${spec.udpPort}`,
        `RCON_PORT=${spec.rconPort}`,
      ]),
    );
    expect(Object.keys(inspect.HostConfig.PortBindings).sort()).toEqual(
      [`${spec.gamePort}/udp`, `${spec.udpPort}/udp`].sort(),
    );
    expect(inspect.HostConfig.RestartPolicy.Name).toBe('unless-stopped');
    expect(inspect.HostConfig.Binds).toEqual([
      `${root}/bin:/home/steam/zomboid-dedicated`,
      `${root}/data:/home/steam/Zomboid`,
    ]);
  });

  it('create → docker rm -f → create again keeps the same world and adds one boot line', async () => {
    const spec = await h.newSpec();
    const root = serverDir(spec);
    const first = await h.manager.ok<CreateResult>({
      name: 'container.create',
      spec,
      idempotencyKey: 'op-a',
      requireData: false,
    });
    await waitForBoots(root, 1);
    const world = readFileSync(worldFile(root), 'utf8');

    docker('rm', '-f', first.container.id);
    const before = snapshotDir(root);
    const second = await h.manager.ok<CreateResult>({
      name: 'container.create',
      spec,
      idempotencyKey: 'op-b',
      requireData: true,
    });
    await waitForBoots(root, 2);

    expect(second).toMatchObject({ adopted: false, freshData: false });
    expect(second.container.id).not.toBe(first.container.id);
    expect(readFileSync(worldFile(root), 'utf8')).toBe(world);
    expect(readLines(bootLog(root))).toHaveLength(2);
    // Everything but the boot log (which the game appends to) is byte-for-byte what it was.
    const after = snapshotDir(root);
    for (const [file, digest] of before)
      if (file !== 'data/boot.log') expect(after.get(file), file).toBe(digest);
  });

  it('leaves existing data untouched and does not treat it as fresh', async () => {
    const spec = await h.newSpec();
    const root = serverDir(spec);
    mkdirSync(path.join(root, 'data/Saves/Multiplayer'), { recursive: true });
    mkdirSync(path.join(root, 'bin'), { recursive: true });
    writeFileSync(worldFile(root), 'world=precious-old-world\n');
    writeFileSync(path.join(root, 'data/players.db'), 'players');
    writeFileSync(path.join(root, 'bin/ProjectZomboid64'), 'game binary');
    writeFileSync(path.join(root, '.zedops-server-id'), `${spec.serverId}\n`);
    const before = snapshotDir(root);

    const result = await h.manager.ok<CreateResult>({
      name: 'container.create',
      spec,
      idempotencyKey: 'op-1',
      requireData: true,
    });
    expect(result.freshData).toBe(false);
    await waitForBoots(root, 1);
    docker('rm', '-f', result.container.id);
    // The only change is the game's own boot log; every file that was there is byte-for-byte the same.
    const after = snapshotDir(root);
    expect([...after.keys()].filter((f) => !before.has(f))).toEqual(['data/boot.log']);
    for (const [file, digest] of before) expect(after.get(file), file).toBe(digest);
    expect(readFileSync(worldFile(root), 'utf8')).toBe('world=precious-old-world\n');
  });
});
