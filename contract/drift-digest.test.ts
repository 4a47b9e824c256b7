import { describe, expect, it } from 'vitest';
import { canonicalDetails, driftDigest, type DigestedDetails } from './drift-digest';
import { containerMountPoints } from './container-shape';

const udp = (port: number, hostPort: number | null = port, hostIp = '') => ({
  containerPort: port,
  protocol: 'udp',
  hostIp,
  hostPort,
});
const bind = (source: string, destination: string, type = 'bind') => ({
  type,
  source,
  destination,
});
const details: DigestedDetails = {
  ports: [udp(16261), udp(16262)],
  mounts: [
    bind('/srv/a/bin', containerMountPoints.bin),
    bind('/srv/a/data', containerMountPoints.data),
  ],
  env: { SERVER_NAME: 'a', RCON_PORT: '27015' },
};

describe('the canonical form of what drift compares', () => {
  it('is the same whatever order Docker lists things in, and leaves out what the rule does', () => {
    const same = {
      ports: [udp(27015, null), udp(16262), udp(16261)],
      mounts: [bind('cache', '/var/cache', 'volume'), ...[...details.mounts].reverse()],
      env: { RCON_PORT: '27015', SERVER_NAME: 'a' },
    };
    expect(canonicalDetails(same)).toBe(canonicalDetails(details));
    expect(driftDigest(same)).toBe(driftDigest(details));
    expect(driftDigest(details)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('tells apart every change the rule sees, and values made to look like separators', () => {
    const variants: DigestedDetails[] = [
      details,
      { ...details, ports: [udp(16261), udp(16261), udp(16262)] },
      { ...details, ports: [udp(16261, 17000), udp(16262)] },
      { ...details, ports: [udp(16261, 16261, '127.0.0.1'), udp(16262)] },
      { ...details, ports: [{ ...udp(16261), protocol: 'tcp' }, udp(16262)] },
      { ...details, mounts: [...details.mounts, details.mounts[0]!] },
      { ...details, mounts: [...details.mounts, bind('v', containerMountPoints.data, 'volume')] },
      { ...details, mounts: [...details.mounts, bind('/etc', '/x')] },
      { ...details, env: { ...details.env, X: '' } },
      { ...details, env: { SERVER_NAME: 'a\n|\n"RCON_PORT"="27015"' } },
      { ...details, env: { 'SERVER_NAME="a"\n"RCON_PORT': '27015' } },
      { ports: [], mounts: details.mounts, env: {} },
      { ports: details.ports, mounts: [], env: {} },
      { ports: [], mounts: [], env: details.env },
      { ports: [], mounts: [], env: {} },
      { ...details, env: JSON.parse('{"__proto__":"x","SERVER_NAME":"a","RCON_PORT":"27015"}') },
    ];
    const forms = variants.map(canonicalDetails);
    expect(new Set(forms).size).toBe(variants.length);
    expect(new Set(variants.map(driftDigest)).size).toBe(variants.length);
  });
});
