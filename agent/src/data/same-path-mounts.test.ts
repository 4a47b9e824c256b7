import { describe, expect, it } from 'vitest';
import { ownContainerId, sameHostPathProblem, type OwnMount } from './same-path-mounts';

const bind = (source: string, destination: string): OwnMount => ({
  type: 'bind',
  source,
  destination,
});
const socket = bind('/var/run/docker.sock', '/var/run/docker.sock');
const dataVolume: OwnMount = {
  type: 'volume',
  name: 'zedops_data',
  source: '/var/lib/docker/volumes/zedops_data/_data',
  destination: '/data',
};

describe('a data root must be bind-mounted from the same host path', () => {
  it('accepts the same path, and a root below a same-path mount', () => {
    expect(
      sameHostPathProblem('/srv/zomboid', [
        socket,
        dataVolume,
        bind('/srv/zomboid', '/srv/zomboid'),
      ]),
    ).toBeNull();
    expect(sameHostPathProblem('/srv/zomboid/eu', [bind('/srv', '/srv')])).toBeNull();
    expect(sameHostPathProblem('/srv/zomboid', [bind('/', '/')])).toBeNull();
  });

  it('refuses a different host path, naming both folders and the fix', () => {
    const problem = sameHostPathProblem('/srv/zomboid', [
      bind('/home/ann/zomboid', '/srv/zomboid'),
    ]);
    expect(problem).toContain('host folder /home/ann/zomboid');
    expect(problem).toContain('-v /home/ann/zomboid:/home/ann/zomboid');
    expect(problem).toContain('set the data path to /home/ann/zomboid');
  });

  it('uses the deepest mount: a same-path parent does not excuse a different child mount', () => {
    const mounts = [bind('/srv', '/srv'), bind('/mnt/disk2/zomboid', '/srv/zomboid')];
    expect(sameHostPathProblem('/srv/zomboid', mounts)).toContain('host folder /mnt/disk2/zomboid');
    expect(sameHostPathProblem('/srv/other', mounts)).toBeNull();
  });

  it('maps a root below a moved mount to the host path below it', () => {
    expect(sameHostPathProblem('/srv/zomboid/eu', [bind('/data/games', '/srv')])).toContain(
      'host folder /data/games/zomboid/eu',
    );
  });

  it('refuses a root on a named volume, a tmpfs, or on the container itself', () => {
    expect(sameHostPathProblem('/data/servers', [dataVolume])).toContain(
      'Docker volume zedops_data',
    );
    expect(
      sameHostPathProblem('/srv', [{ type: 'tmpfs', source: '', destination: '/srv' }]),
    ).toContain('tmpfs');
    expect(sameHostPathProblem('/srv/zomboid', [socket, dataVolume])).toContain(
      'not mounted from the host',
    );
  });

  it('does not treat a sibling with a common prefix as inside a mount', () => {
    expect(sameHostPathProblem('/srv/zomboid2', [bind('/srv/zomboid', '/srv/zomboid')])).toContain(
      'not mounted from the host',
    );
  });
});

describe('finding our own container id', () => {
  const id = 'a'.repeat(12) + '0123456789abcdef'.repeat(3) + 'b'.repeat(4);
  it('reads it from the files Docker mounts into every container', () => {
    const mountinfo = [
      '612 598 0:52 / / rw,relatime - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/X',
      `625 612 8:1 /var/lib/docker/containers/${id}/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/sda1 rw`,
      `626 612 8:1 /var/lib/docker/containers/${id}/hostname /etc/hostname rw,relatime - ext4 /dev/sda1 rw`,
    ].join('\n');
    expect(ownContainerId(mountinfo)).toBe(id);
  });

  it('is null on a host, or when a path only looks similar', () => {
    expect(ownContainerId('22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n')).toBeNull();
    expect(
      ownContainerId(`30 22 8:1 /containers/${id.slice(1)}/hostname /etc/hostname rw - ext4 x rw`),
    ).toBeNull();
    expect(ownContainerId('')).toBeNull();
  });
});
