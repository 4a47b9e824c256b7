import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ListPart, ListResult, type CreateResult } from '@contract/agent-protocol';
import { joinListParts } from '@contract/list-parts';
import { AgentHarness, withAgentHarness } from '../testing/agent-harness';
import { docker, testImage } from '../testing/docker-cli';

let h: AgentHarness;
withAgentHarness((harness) => {
  h = harness;
});

const list = async () => ListResult.parse(await h.manager.ok({ name: 'container.list' }));

/** container.list tells the manager what it needs to compare a container with its config (drift). */
describe('container.list details', () => {
  it('reports the image id, bindings, mounts and the env ZedOps set of a container it made', async () => {
    const spec = await h.newSpec();
    const created = await h.manager.ok<CreateResult>({
      name: 'container.create',
      spec,
      idempotencyKey: 'op-list-1',
      requireData: false,
    });
    const { containers, imageEnv } = await list();
    const c = containers.find((x) => x.id === created.container.id)!;
    const root = path.join(spec.dataPath, spec.serverName);
    expect(c.imageId).toBe(JSON.parse(docker('inspect', c.id))[0].Image);
    expect(c.image).toBe(`${testImage}:latest`);
    expect(c.ports).toEqual(
      expect.arrayContaining([
        { containerPort: spec.gamePort, protocol: 'udp', hostIp: '', hostPort: spec.gamePort },
        { containerPort: spec.udpPort, protocol: 'udp', hostIp: '', hostPort: spec.udpPort },
      ]),
    );
    expect(c.ports).toHaveLength(2);
    expect(c.mounts).toEqual(
      expect.arrayContaining([
        { type: 'bind', source: `${root}/bin`, destination: '/home/steam/zomboid-dedicated' },
        { type: 'bind', source: `${root}/data`, destination: '/home/steam/Zomboid' },
      ]),
    );
    // The image's own PATH is its default, not something ZedOps set: it stays in imageEnv.
    expect(c.env).toEqual({
      ...spec.env,
      SERVER_DEFAULT_PORT: String(spec.gamePort),
      SERVER_UDP_PORT: String(spec.udpPort),
      RCON_PORT: String(spec.rconPort),
    });
    expect(imageEnv?.[c.imageId!]).toEqual({ PATH: '/bin' });
    // An action's preflight asks for one server only, and gets the same details.
    const one = ListResult.parse(
      await h.manager.ok({ name: 'container.list', serverId: spec.serverId }),
    );
    expect(one.containers).toEqual([c]);
  });

  it('reports a container started by hand as it is: other port, one address, extra env, stopped too', async () => {
    const spec = await h.newSpec();
    const name = `hand-${spec.serverName}`;
    h.foreignNames.push(name);
    const id = docker(
      'run',
      '-d',
      '--name',
      name,
      '--label',
      'zedops.managed=true',
      '--label',
      `zedops.server.id=${spec.serverId}`,
      '-p',
      `127.0.0.1:${spec.udpPort}:${spec.gamePort}/udp`,
      '-e',
      'TZ=UTC',
      '-v',
      `${spec.dataPath}:/home/steam/Zomboid`,
      `${testImage}:latest`,
    );
    const seen = (await list()).containers.find((x) => x.id === id)!;
    expect(seen).toMatchObject({
      name,
      serverId: spec.serverId,
      running: true,
      ports: [
        {
          containerPort: spec.gamePort,
          protocol: 'udp',
          hostIp: '127.0.0.1',
          hostPort: spec.udpPort,
        },
      ],
      mounts: [{ type: 'bind', source: spec.dataPath, destination: '/home/steam/Zomboid' }],
      env: { TZ: 'UTC' },
    });
    // Docker shows no ports for a stopped container in its list; the configured bindings remain.
    docker('stop', '-t', '0', id);
    const stopped = (await list()).containers.find((x) => x.id === id)!;
    expect(stopped.running).toBe(false);
    expect(stopped.ports).toEqual(seen.ports);
    // Gone from Docker, gone from the list (and from the agent's cache).
    docker('rm', '-f', id);
    expect((await list()).containers.some((x) => x.id === id)).toBe(false);
  });

  it('sends the list in the parts the manager asks for, each a contract frame, the reply counting them', async () => {
    const specs = [await h.newSpec(), await h.newSpec()];
    for (const [i, spec] of specs.entries())
      await h.manager.ok({
        name: 'container.create',
        spec,
        idempotencyKey: `op-parts-${i}`,
        requireData: false,
      });
    const { reply } = await h.manager.request({ name: 'container.list', partSize: 1 });
    const rest = ListResult.parse(reply.ok ? reply.result : undefined);
    const parts = (h.manager.parts.get(reply.id) ?? []).map((p) => ListPart.parse(p));
    expect(rest.containers).toHaveLength(1);
    expect(parts.length).toBeGreaterThanOrEqual(1);
    expect(parts.every((p) => p.containers.length === 1)).toBe(true);
    expect(rest.parts).toBe(parts.length);
    const whole = joinListParts(parts, rest)!;
    expect(whole.containers.map((c) => c.serverId)).toEqual(
      expect.arrayContaining(specs.map((s) => s.serverId)),
    );
    expect(h.manager.invalidFrames).toEqual([]);
  });
});
