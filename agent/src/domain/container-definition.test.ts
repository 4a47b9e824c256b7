import { describe, expect, it } from 'vitest';
import type { ContainerSpec } from '@contract/agent-protocol';
import { serverPaths } from '../data/server-paths';
import { InvalidRequestError } from '../errors';
import { Backoff } from '../protocol/backoff';
import { containerDefinition } from './container-definition';

const spec: ContainerSpec = {
  serverId: 'srv-1',
  serverName: 'alpha',
  image: '127.0.0.1:5000/zedops/pz-test',
  imageTag: 'latest',
  env: { SERVER_NAME: 'Alpha', SERVER_DEFAULT_PORT: '1' },
  gamePort: 16261,
  udpPort: 16262,
  rconPort: 27015,
  dataPath: '/srv/zomboid',
};

describe('containerDefinition (docs/design.md §5)', () => {
  it('builds name, labels, env with port vars, UDP ports, mounts and restart policy', () => {
    const def = containerDefinition(spec, serverPaths(spec.dataPath, spec.serverName));
    expect(def).toEqual({
      name: 'steam-zomboid-alpha',
      imageRef: '127.0.0.1:5000/zedops/pz-test:latest',
      // the port variables come from the ports, whatever the config said
      env: {
        SERVER_NAME: 'Alpha',
        SERVER_DEFAULT_PORT: '16261',
        SERVER_UDP_PORT: '16262',
        RCON_PORT: '27015',
      },
      labels: {
        'zedops.managed': 'true',
        'zedops.server.id': 'srv-1',
        'zedops.server.name': 'alpha',
      },
      udpPorts: [16261, 16262],
      mounts: [
        { hostPath: '/srv/zomboid/alpha/bin', containerPath: '/home/steam/zomboid-dedicated' },
        { hostPath: '/srv/zomboid/alpha/data', containerPath: '/home/steam/Zomboid' },
      ],
      restartPolicy: 'unless-stopped',
    });
  });

  it('refuses ports outside 1024–65535 and equal game/udp ports', () => {
    const paths = serverPaths(spec.dataPath, spec.serverName);
    expect(() => containerDefinition({ ...spec, gamePort: 80 }, paths)).toThrow(
      InvalidRequestError,
    );
    expect(() => containerDefinition({ ...spec, udpPort: spec.gamePort }, paths)).toThrow(
      InvalidRequestError,
    );
  });
});

describe('serverPaths', () => {
  it.each([
    ['/srv/zomboid', '../escape'],
    ['/srv/zomboid', 'a/b'],
    ['relative', 'alpha'],
    ['/srv/../etc', 'alpha'],
    ['/var/lib/docker/volumes', 'alpha'],
    ['/', 'alpha'],
  ])('refuses data path %s with name %s', (dataPath, name) => {
    expect(() => serverPaths(dataPath, name)).toThrow(InvalidRequestError);
  });
});

describe('Backoff', () => {
  it('grows exponentially with jitter and never exceeds the cap', () => {
    const backoff = new Backoff(500, 10_000);
    const delays = Array.from({ length: 12 }, () => backoff.next());
    expect(delays[0]).toBeGreaterThanOrEqual(250);
    expect(delays[0]).toBeLessThanOrEqual(500);
    expect(Math.max(...delays)).toBeLessThanOrEqual(10_000);
    expect(delays.at(-1)).toBeGreaterThanOrEqual(5_000);
    backoff.reset();
    expect(backoff.next()).toBeLessThanOrEqual(500);
  });
});
