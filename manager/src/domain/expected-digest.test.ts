import { describe, expect, it } from 'vitest';
import type { ContainerInfo } from '@contract/agent-protocol';
import { driftDigest } from '@contract/drift-digest';
import type { AgentRecord } from '../db/agents-repo';
import type { ServerRecord } from '../db/servers-repo';
import { driftAgent, driftContainer, driftServer } from '../testing/drift-fixtures';
import { containerDrift } from './drift';
import { digestMatches as matchesWith, expectedDigest, ExpectedDigests } from './expected-digest';

const agent = driftAgent;
const server = driftServer;
const defaults = { PATH: '/usr/bin', SERVER_NAME: 'servertest', TZ: 'UTC' };
const imageEnv = { 'sha256:aaaa': defaults };

/** `digestMatches` in a pass of its own (no stored digest: each is computed). */
const digestMatches = (
  s: ServerRecord,
  a: AgentRecord,
  c: ContainerInfo,
  env: Parameters<typeof matchesWith>[2],
) => matchesWith(s, c, env, new ExpectedDigests(a));

/** The container the agent builds, with `change` applied, reporting env beyond the defaults as the agent does. */
function container(change: Partial<ContainerInfo> = {}): ContainerInfo {
  const built = driftContainer(change);

  return { ...built, env: beyondDefaults(built.env ?? {}) };
}
const beyondDefaults = (env: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(env).filter(([k, v]) => defaults[k as keyof typeof defaults] !== v),
  );

/** What the agent sends when asked for digests. */
function digested(c: ContainerInfo): ContainerInfo {
  const { ports, mounts, env, ...rest } = c;
  return { ...rest, digest: driftDigest({ ports: ports!, mounts: mounts!, env: env! }) };
}

const detailFields = (s: ServerRecord, c: ContainerInfo) =>
  containerDrift(s, agent, c, imageEnv)
    .map((d) => d.field)
    .filter((f) => f === 'ports' || f === 'mounts' || f.startsWith('env.'));

/**
 * The property the protocol rests on: a matching digest means the details hold no drift; and for
 * a report built as the agent builds it, a differing digest means they do (no needless request).
 */
function agrees(s: ServerRecord, c: ContainerInfo): boolean {
  const matches = digestMatches(s, agent, digested(c), imageEnv);
  const drift = detailFields(s, c);
  if (matches === true) expect(drift).toEqual([]);
  return matches === true;
}

const udp = (containerPort: number, hostPort: number | null = containerPort) => ({
  containerPort,
  protocol: 'udp',
  hostIp: '',
  hostPort,
});
const volume = (destination: string) => ({ type: 'volume', source: 'v1', destination });

describe('the list digest stands in for the drift rule on ports, mounts and environment', () => {
  it('matches a container built from the config, in whatever order Docker lists things', () => {
    expect(agrees(server, container())).toBe(true);
    const c = container();
    const shuffled = container({
      ports: [...c.ports!].reverse(),
      mounts: [...c.mounts!].reverse(),
      env: Object.fromEntries(Object.entries(c.env!).reverse()),
    });
    expect(agrees(server, shuffled)).toBe(true);
    // Bindings that publish nothing and volumes elsewhere are not compared by the rule either.
    const extras = container({
      ports: [udp(27015, null), ...c.ports!],
      mounts: [...c.mounts!, volume('/var/cache')],
    });
    expect(agrees(server, extras)).toBe(true);
  });

  it('differs for each hostile case of drift.test.ts, and the details then show the drift', () => {
    const c = container();
    const binds = c.mounts!;
    const cases: Partial<ContainerInfo>[] = [
      { ports: [udp(16261, 17000), udp(16262)] },
      { ports: [{ ...udp(16261), hostIp: '127.0.0.1' }, udp(16262)] },
      { ports: [udp(16261), udp(16261)] },
      { ports: [udp(16261), udp(16262), udp(27015)] },
      { ports: [udp(16261)] },
      {
        ports: [
          ...Array.from({ length: 998 }, (_, i) => udp(i, null)),
          udp(16261),
          udp(16262),
          udp(1),
        ],
      },
      { ports: [{ ...udp(16261), protocol: 'tcp' }, udp(16262)] },
      { mounts: [binds[0]!, volume(binds[1]!.destination)] },
      { mounts: [binds[0]!, binds[0]!] },
      { mounts: [...binds, { type: 'bind', source: '/etc', destination: '/x' }] },
      { mounts: [binds[0]!] },
      { mounts: [...binds, binds[1]!] },
      { mounts: [{ ...binds[0]!, source: '/srv/zomboid/beta/bin' }, binds[1]!] },
      { env: { ...c.env, SERVER_DEFAULT_PORT: '17000' } },
      { env: { ...c.env, EXTRA: 'by hand' } },
      { env: { ...c.env, constructor: 'x' } },
      { env: { ...c.env, ADMIN_PASSWORD: 'changed-by-hand' } },
      { env: { ...c.env, SERVER_NAME: 'servertest' } }, // left at the image's default
    ];
    for (const change of cases) {
      const drifted = container(change);
      expect(agrees(server, drifted), JSON.stringify(change).slice(0, 120)).toBe(false);
      expect(
        detailFields(server, drifted).length,
        JSON.stringify(change).slice(0, 120),
      ).toBeGreaterThan(0);
    }
  });

  it('a value the config sets equal to the image default matches, as the rule reads it', () => {
    const same = { ...server, config: { ...server.config, SERVER_NAME: 'servertest' } };
    const env = { ...container().env };
    delete env.SERVER_NAME; // the container leaves it at the default
    expect(agrees(same, container({ env }))).toBe(true);
    // A key of the config named like an object property is expected like any other.
    const withKey = { ...server, config: { ...server.config, toString: 'y' } };
    expect(agrees(withKey, container())).toBe(false);
    expect(agrees(withKey, container({ env: { ...container().env, toString: 'y' } }))).toBe(true);
  });

  it('asks for the details where equal digests would be laxer than the rule', () => {
    // The image's defaults unknown: the agent reports the whole environment.
    expect(expectedDigest(server, agent, undefined)).toBeNull();
    expect(digestMatches(server, agent, digested(container()), {})).toBe(false);
    expect(digestMatches(server, agent, digested(container()), undefined)).toBe(false);
    // One port wanted twice: the rule finds drift in any bindings.
    const twice = { ...server, udpPort: 16261 } as ServerRecord;
    expect(expectedDigest(twice, agent, defaults)).toBeNull();
    expect(
      digestMatches(twice, agent, digested(container({ ports: [udp(16261)] })), imageEnv),
    ).toBe(false);
    // No data path: the rule leaves the mounts alone, the digest cannot.
    const noPath = { ...agent, serverDataPath: null } as AgentRecord;
    expect(expectedDigest(server, noPath, defaults)).toBeNull();
    // An image id that names an object property finds no image's defaults in the prototype.
    const proto = digested(container({ imageId: '__proto__' }));
    expect(digestMatches(server, agent, proto, { 'sha256:aaaa': defaults })).toBe(false);
  });

  it('leaves a container that reports details, or no image id, to the rule as it is', () => {
    expect(digestMatches(server, agent, container(), imageEnv)).toBeNull();
    expect(digestMatches(server, agent, { ...container(), digest: 'x' }, imageEnv)).toBeNull();
    expect(
      digestMatches(server, agent, digested(container({ imageId: undefined })), imageEnv),
    ).toBeNull();
  });

  it('never matches with drift in the details, over many random changes of a built container', () => {
    // A small seeded generator: the same cases every run.
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const c = container();
    const portPool = [
      udp(16261),
      udp(16262),
      udp(27015),
      udp(16261, null),
      { ...udp(16262), hostIp: '::' },
    ];
    const mountPool = [
      ...c.mounts!,
      volume(c.mounts![0]!.destination),
      volume('/tmp'),
      { type: 'bind', source: '/a', destination: '/b' },
    ];
    const envKeys = [
      'SERVER_NAME',
      'ADMIN_PASSWORD',
      'SERVER_DEFAULT_PORT',
      'SERVER_UDP_PORT',
      'RCON_PORT',
      'PATH',
      'TZ',
      'X',
    ];
    const envValues = [
      'alpha',
      'servertest',
      'hunter2hunter2',
      '16261',
      '16262',
      '27015',
      '/usr/bin',
      'UTC',
      '',
    ];
    let matched = 0;
    for (let i = 0; i < 3000; i++) {
      const pick = <T>(pool: T[], base: T[]) =>
        next(3) === 0 ? base : Array.from({ length: next(4) }, () => pool[next(pool.length)]!);
      const env =
        next(3) === 0
          ? c.env!
          : Object.fromEntries(
              Array.from({ length: next(8) }, () => [
                envKeys[next(envKeys.length)]!,
                envValues[next(envValues.length)]!,
              ]),
            );
      const candidate = container({
        ports: pick(portPool, c.ports!),
        mounts: pick(mountPool, c.mounts!),
        env: { ...c.env, ...env },
      });
      const matches = agrees(server, candidate);
      // Built as the agent builds it, the converse holds too: no drift, no second request.
      expect(matches).toBe(detailFields(server, candidate).length === 0);
      if (matches) matched++;
    }
    expect(matched).toBeGreaterThan(0);
  });
});

describe("an expected digest's seal", () => {
  const truth = (s: ServerRecord, a: AgentRecord = agent, d: Record<string, string> = defaults) =>
    expectedDigest(s, a, d)!;

  /** A pass over `s` that found nothing stored, its container without drift: the seal it stores. */
  const firstPass = (s: ServerRecord) => {
    const digests = new ExpectedDigests(agent);
    expect(digests.matches(s, defaults, truth(s))).toBe(true);
    expect(digests.computed).toBe(1);
    const fresh = digests.takeFresh();
    expect(fresh).toEqual([{ serverId: s.id, seal: expect.any(String) }]);
    return fresh[0]!.seal;
  };

  it('recognises the digest in the next pass without computing it, while nothing changed', () => {
    const digestSeal = firstPass(server);
    const next = new ExpectedDigests(agent);
    expect(next.matches({ ...server, digestSeal }, defaults, truth(server))).toBe(true);
    expect(next.computed).toBe(0);
    expect(next.takeFresh()).toEqual([]);
    // Another digest reported (the container changed) is not recognised: computed, and differs.
    expect(next.matches({ ...server, digestSeal }, defaults, 'other')).toBe(false);
    expect(next.computed).toBe(1);
    expect(next.takeFresh()).toEqual([]); // the seal stored is still the expected digest's
  });

  it('is computed again, and sealed again, once anything it is computed from changed', () => {
    const digestSeal = firstPass(server);
    const changed: [string, ServerRecord, AgentRecord, Record<string, string>][] = [
      ['game port', { ...server, gamePort: 17000 }, agent, defaults],
      ['udp port', { ...server, udpPort: 17001 }, agent, defaults],
      ['rcon port', { ...server, rconPort: 27016 }, agent, defaults],
      ['name', { ...server, name: 'beta' }, agent, defaults],
      ['a config value', { ...server, config: { ...server.config, PUBLIC: 'x' } }, agent, defaults],
      ['a config key', { ...server, config: { ...server.config, NEW: '1' } }, agent, defaults],
      ["the server's data path", { ...server, serverDataPath: '/other' }, agent, defaults],
      ["the agent's data path", server, { ...agent, serverDataPath: '/other' }, defaults],
      ["the image's defaults", server, agent, { ...defaults, SERVER_NAME: 'alpha' }],
    ];
    for (const [what, s, a, d] of changed) {
      expect(truth(s, a, d), what).not.toBe(truth(server));
      // The container still reports the digest of before: the seal must not vouch for it.
      const digests = new ExpectedDigests(a);
      expect(digests.matches({ ...s, digestSeal }, d, truth(server)), what).toBe(false);
      expect(digests.computed, what).toBe(1);
      // A container that matches the new inputs is found to, and the new seal is stored.
      const again = new ExpectedDigests(a);
      expect(again.matches({ ...s, digestSeal }, d, truth(s, a, d)), what).toBe(true);
      const [fresh, ...more] = again.takeFresh();
      expect(more, what).toEqual([]);
      expect(fresh!.seal, what).not.toBe(digestSeal);
    }
  });

  it('is never made where no digest is computed (no defaults, no data path, a port twice)', () => {
    const digests = new ExpectedDigests(agent);
    expect(digests.matches(server, undefined, truth(server))).toBe(false);
    expect(digests.matches({ ...server, udpPort: server.gamePort }, defaults, 'x')).toBe(false);
    const noPath = new ExpectedDigests({ ...agent, serverDataPath: null } as AgentRecord);
    expect(noPath.matches(server, defaults, truth(server))).toBe(false);
    expect([...digests.takeFresh(), ...noPath.takeFresh()]).toEqual([]);
  });

  it('goes out once: a second take has nothing', () => {
    const digests = new ExpectedDigests(agent);
    digests.matches(server, defaults, truth(server));
    expect(digests.takeFresh()).toHaveLength(1);
    expect(digests.takeFresh()).toEqual([]);
  });
});
