import { describe, expect, it } from 'vitest';
import { canonicalDetails, driftDigest, jsonString, type DigestedDetails } from './drift-digest';
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

  it('is what agents of earlier releases send, byte for byte, whatever the strings hold', () => {
    // Pinned: an agent and a manager of different releases compare these, and a form that moved
    // would make every container's details be asked for again. Quotes, backslashes, a line break,
    // a control character, a lone surrogate, a pair, U+2028 (not escaped by JSON) and an empty
    // value; a volume elsewhere left out; a binding that publishes nothing left out.
    const hostile: DigestedDetails = {
      ports: [
        udp(16261),
        { ...udp(16262), hostIp: '::' },
        { ...udp(27015, null), protocol: 'tcp' },
      ],
      mounts: [
        bind('/srv/"quoted"\\back/data', containerMountPoints.data),
        bind('cache', '/var/cache', 'volume'),
        bind('/srv/a\u2028b/bin', containerMountPoints.bin),
      ],
      env: { SERVER_NAME: 'line\nbreak\u0001 \ud800 \u{1f600} é', RCON_PORT: '27015', A: '' },
    };
    expect(canonicalDetails(hostile)).toBe(
      [
        '"",16261,16261,"udp"',
        '"::",16262,16262,"udp"',
        '|',
        `"bind","/srv/\\"quoted\\"\\\\back/data","${containerMountPoints.data}"`,
        `"bind","/srv/a\u2028b/bin","${containerMountPoints.bin}"`,
        '|',
        '"A"=""',
        '"RCON_PORT"="27015"',
        '"SERVER_NAME"="line\\nbreak\\u0001 \\ud800 \u{1f600} é"',
      ].join('\n'),
    );
    expect(driftDigest(hostile)).toBe('tS6OGDk_yhuFHNd1V5FoPMvNJ6_UojX2XPF3h7RLVgQ');
  });

  it('sorts long lists as short ones: code-unit order, whatever order they come in', () => {
    // Lists of more than 16 go to Array.prototype.sort, shorter ones are sorted in place.
    for (const size of [3, 16, 17, 40]) {
      const names = Array.from(
        { length: size },
        (_, i) => `V${(i * 7919) % size}_${'é'.repeat(i % 3)}`,
      );
      const env = (order: string[]) => Object.fromEntries(order.map((k) => [k, k.toLowerCase()]));
      const form = canonicalDetails({ ports: [], mounts: [], env: env(names) });
      expect(canonicalDetails({ ports: [], mounts: [], env: env([...names].reverse()) })).toBe(
        form,
      );
      const lines = form.split('\n').slice(4);
      expect(lines).toHaveLength(size);
      expect(lines).toEqual([...lines].sort());
    }
  });

  it("quotes every string as JSON.stringify does, the fast path's included", () => {
    const edges = ['', 'plain', '"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800'];
    const units = [...edges, 'a', 'é', '\udc00', '\ud83d', '\ude00', '/', ' '];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const strings = [...edges, '\u{1f600}', 'a\ud83d\ude00b'];
    for (let i = 0; i < 2000; i++)
      strings.push(
        Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
          if (random() < 0.2) return String.fromCharCode(Math.floor(random() * 0x10000));
          return units[Math.floor(random() * units.length)]!;
        }).join(''),
      );
    for (const s of strings) expect(jsonString(s)).toBe(JSON.stringify(s));
  });
});
