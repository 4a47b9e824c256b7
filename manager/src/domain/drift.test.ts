import { describe, expect, it } from 'vitest';
import type { ContainerInfo } from '@contract/agent-protocol';
import type { ServerRecord } from '../db/servers-repo';
import { driftAgent, driftContainer, driftServer } from '../testing/drift-fixtures';
import { containerDrift } from './drift';

const agent = driftAgent;
const server = driftServer;
/** The container the agent builds from the stored config, with `change` applied. */
const container = driftContainer;
const imageEnv = { 'sha256:aaaa': { PATH: '/usr/bin', SERVER_NAME: 'servertest' } };

describe('drift: a container compared with what the stored config builds', () => {
  it('finds nothing when the container is what the config builds', () => {
    expect(containerDrift(server, agent, container(), imageEnv)).toEqual([]);
  });

  it('names every field that differs: name, image, ports, mounts, env', () => {
    const base = container();
    const drift = containerDrift(
      server,
      agent,
      container({
        name: 'by-hand',
        imageId: 'sha256:bbbb',
        image: 'other/image:2',
        ports: [{ containerPort: 16261, protocol: 'udp', hostIp: '', hostPort: 17000 }],
        mounts: [{ type: 'volume', source: 'worlds', destination: '/home/steam/Zomboid' }],
        env: { ...base.env, SERVER_DEFAULT_PORT: '17000', TZ: 'UTC' },
      }),
      { ...imageEnv, 'sha256:bbbb': {} },
    );
    expect(drift).toEqual([
      { field: 'name', expected: 'steam-zomboid-alpha', actual: 'by-hand' },
      {
        field: 'image',
        expected: 'test/zomboid:latest (aaaa)',
        actual: 'other/image:2 (bbbb)',
      },
      { field: 'ports', expected: '16261:16261/udp, 16262:16262/udp', actual: '17000:16261/udp' },
      {
        field: 'mounts',
        expected:
          '/srv/zomboid/alpha/bin:/home/steam/zomboid-dedicated, /srv/zomboid/alpha/data:/home/steam/Zomboid',
        actual: 'worlds:/home/steam/Zomboid',
      },
      { field: 'env.SERVER_DEFAULT_PORT', expected: '16261', actual: '17000' },
      { field: 'env.TZ', expected: null, actual: 'UTC' },
    ]);
  });

  it('reads a variable the container left at its image default as that default', () => {
    const env = { ...container().env };
    delete env.SERVER_NAME; // the image's default is "servertest", the config says "alpha"
    const drift = containerDrift(server, agent, container({ env }), imageEnv);
    expect(drift).toEqual([{ field: 'env.SERVER_NAME', expected: 'alpha', actual: 'servertest' }]);
    // …and a config value equal to the image default is no drift.
    const same = { ...server, config: { ...server.config, SERVER_NAME: 'servertest' } };
    expect(containerDrift(same, agent, container({ env }), imageEnv)).toEqual([]);
  });

  it('never carries a secret value, only that it differs', () => {
    const env = { ...container().env, ADMIN_PASSWORD: 'changed-by-hand' };
    expect(containerDrift(server, agent, container({ env }), imageEnv)).toEqual([
      { field: 'env.ADMIN_PASSWORD', expected: '********', actual: '********' },
    ]);
  });

  it('without a pin compares the image reference; with the image defaults unknown, extras are not judged', () => {
    const unpinned = { ...server, imageId: null };
    const drift = containerDrift(
      unpinned,
      agent,
      container({ image: 'sha256:aaaa', env: { ...container().env, TZ: 'UTC' } }),
      undefined,
    );
    expect(drift).toEqual([
      { field: 'image', expected: 'test/zomboid:latest', actual: 'sha256:aaaa' },
    ]);
  });

  it('an agent that reports no image id (older than drift) is not compared', () => {
    const old = container({ imageId: undefined, name: 'renamed' });
    expect(containerDrift(server, agent, old, imageEnv)).toEqual([]);
  });

  it('a variable named like an object property is compared as any other', () => {
    const env = { ...container().env, constructor: 'x' };
    expect(containerDrift(server, agent, container({ env }), imageEnv)).toEqual([
      { field: 'env.constructor', expected: null, actual: 'x' },
    ]);
    const withKey = { ...server, config: { ...server.config, toString: 'y' } };
    expect(containerDrift(withKey, agent, container(), imageEnv)).toEqual([
      { field: 'env.toString', expected: 'y', actual: null },
    ]);
  });

  it('a published port bound to one address says so', () => {
    const ports = [
      { containerPort: 16261, protocol: 'udp', hostIp: '127.0.0.1', hostPort: 16261 },
      { containerPort: 16262, protocol: 'udp', hostIp: '', hostPort: 16262 },
    ];
    expect(containerDrift(server, agent, container({ ports }), imageEnv)).toEqual([
      {
        field: 'ports',
        expected: '16261:16261/udp, 16262:16262/udp',
        actual: '127.0.0.1:16261:16261/udp, 16262:16262/udp',
      },
    ]);
  });
  it('ports match only when each wanted port is published once and nothing else is', () => {
    const udp = (containerPort: number, hostPort: number | null = containerPort) => ({
      containerPort,
      protocol: 'udp',
      hostIp: '',
      hostPort,
    });
    const portsOf = (ports: ReturnType<typeof udp>[]) =>
      containerDrift(server, agent, container({ ports }), imageEnv).filter(
        (d) => d.field === 'ports',
      );
    // Bindings that publish nothing do not count; the wanted two, in any order, match.
    expect(portsOf([udp(27015, null), udp(16262), udp(16261)])).toEqual([]);
    // One port published twice is not the other one published.
    expect(portsOf([udp(16261), udp(16261)])).toEqual([
      {
        field: 'ports',
        expected: '16261:16261/udp, 16262:16262/udp',
        actual: '16261:16261/udp, 16261:16261/udp',
      },
    ]);
    // One more, or one fewer, is drift; so is a hostile list of a thousand unpublished ones
    // hiding a third published port.
    expect(portsOf([udp(16261), udp(16262), udp(27015)])).toHaveLength(1);
    expect(portsOf([udp(16261)])).toHaveLength(1);
    const many = [...Array.from({ length: 998 }, (_, i) => udp(i, null)), udp(16261), udp(16262)];
    expect(portsOf(many)).toEqual([]);
    expect(portsOf([...many, udp(1)])).toHaveLength(1);
    // A config whose game and UDP port are one (both wanted) never matches a single binding.
    const same = { ...server, udpPort: 16261 } as ServerRecord;
    expect(
      containerDrift(same, agent, container({ ports: [udp(16261), udp(16261)] }), imageEnv).map(
        (d) => d.field,
      ),
    ).toContain('ports');
  });
  it('mounts match only with both binds; a volume elsewhere does not count, one in their place does', () => {
    const binds = container().mounts!;
    const mountsOf = (mounts: ContainerInfo['mounts']) =>
      containerDrift(server, agent, container({ mounts }), imageEnv).filter(
        (d) => d.field === 'mounts',
      );
    const volume = (destination: string) => ({ type: 'volume', source: 'v1', destination });
    expect(mountsOf([...binds].reverse())).toEqual([]);
    expect(mountsOf([...binds, volume('/var/cache')])).toEqual([]);
    expect(mountsOf([binds[0]!, volume(binds[1]!.destination)])).toHaveLength(1);
    expect(mountsOf([binds[0]!, binds[0]!])).toHaveLength(1);
    expect(mountsOf([...binds, { type: 'bind', source: '/etc', destination: '/x' }])).toHaveLength(
      1,
    );
    expect(mountsOf([binds[0]!])).toHaveLength(1);
  });
});
