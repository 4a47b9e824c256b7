import { hash } from 'node:crypto';
import type { ContainerInfo } from '@contract/agent-protocol';
import { containerEnv, containerMounts, publishedUdpPorts } from '@contract/container-shape';
import { driftDigest, jsonString } from '@contract/drift-digest';
import type { AgentRecord } from '../db/agents-repo';
import type { DigestSeal, ObservedRecord } from '../db/servers-repo';
import { effectiveDataPath } from './effective-config';
import { imageDefaults, type ImageEnv } from './drift';

/**
 * The digest a container without drift in its ports, mounts and environment reports for this
 * server (contract/drift-digest.ts): the wanted ports published once each on every address, the
 * two binds, and the environment ZedOps sets less what equals the image's defaults (the agent
 * reports the environment beyond them). Null — the details must be compared — when equal digests
 * would not mean what the drift rule means:
 * - the image's defaults are unknown (the agent reports the whole environment, and the rule then
 *   leaves extra variables alone);
 * - the config wants one port twice (the rule calls that drift whatever is published);
 * - there is no data path (the rule then leaves the mounts alone).
 * docs/decisions/0104-list-digest.md
 */
export function expectedDigest(
  server: ObservedRecord,
  agent: AgentRecord,
  defaults: Record<string, string> | undefined,
): string | null {
  if (!defaults) return null;
  const dataPath = effectiveDataPath(server, agent);
  return dataPath ? digestAt(server, dataPath, defaults) : null;
}

/**
 * What of a server its expected digest is computed from, besides the data path and the image's
 * defaults: each goes into a stored digest's inputs (`ExpectedDigests`).
 */
type DigestSource = Pick<ObservedRecord, 'name' | 'config' | 'gamePort' | 'udpPort' | 'rconPort'>;

/** `expectedDigest` once the data path is known. */
function digestAt(
  server: DigestSource,
  dataPath: string,
  defaults: Record<string, string>,
): string | null {
  const wanted = publishedUdpPorts(server);
  if (new Set(wanted).size !== wanted.length) return null;
  const expected = containerEnv({
    env: server.config,
    gamePort: server.gamePort,
    udpPort: server.udpPort,
    rconPort: server.rconPort,
  });
  const env: Record<string, string> = {};
  for (const key of Object.keys(expected))
    if (!Object.hasOwn(defaults, key) || defaults[key] !== expected[key]) env[key] = expected[key]!;
  return driftDigest({
    ports: wanted.map((port) => ({
      containerPort: port,
      protocol: 'udp',
      hostIp: '',
      hostPort: port,
    })),
    mounts: containerMounts(dataPath, server.name).map((m) => ({
      type: 'bind',
      source: m.hostPath,
      destination: m.containerPath,
    })),
    env,
  });
}

/** A server as a pass read it: with the seal its last pass stored, when it read that. */
export type SealedServer = ObservedRecord & Partial<DigestSeal>;

/** A seal computed in a pass that its server's row does not hold yet. */
export interface FreshSeal {
  serverId: string;
  seal: string;
}

/**
 * One pass's expected digests (docs/decisions/0115-digest-seals.md). A digest is a function of its
 * inputs alone: the image's defaults, the data path, the name, the three ports and the config.
 * The pass stores, with each server, a seal: a hash over those inputs and the digest computed
 * from them. The next pass recognises the digest a container reports by the seal (one hash of a
 * short string), and computes the expected digest only when it is not recognised: the inputs or
 * the container changed, or nothing was stored yet. On a host of 10,000 unchanged servers a pass
 * computes none.
 */
export class ExpectedDigests {
  /** Expected digests computed in this pass (the rest were recognised by their seals). */
  computed = 0;
  /** Seals this pass made that the rows do not hold yet: for the pass to store. */
  private fresh: FreshSeal[] = [];
  private readonly defaultsKeys = new WeakMap<Record<string, string>, string>();

  constructor(private readonly agent: AgentRecord) {}

  /** Whether `reported` is the digest `expectedDigest` gives for this server. */
  matches(
    server: SealedServer,
    defaults: Record<string, string> | undefined,
    reported: string,
  ): boolean {
    if (!defaults) return false;
    const dataPath = effectiveDataPath(server, this.agent);
    if (!dataPath) return false;
    const inputs = this.inputsOf(server, dataPath, defaults);
    const seal = sealOf(inputs, reported);
    if (server.digestSeal === seal) return true;
    this.computed++;
    const expected = digestAt(server, dataPath, defaults);
    if (expected === null) return false;
    const fresh = expected === reported ? seal : sealOf(inputs, expected);
    if (fresh !== server.digestSeal) this.fresh.push({ serverId: server.id, seal: fresh });
    return expected === reported;
  }

  /** The seals made since the last call, each once. */
  takeFresh(): FreshSeal[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }

  /**
   * Everything the digest is computed from, one per line, and the rule's own stamp. The defaults,
   * the same for every container of an image, go in as their hash, taken once per image and pass.
   */
  private inputsOf(server: DigestSource, dataPath: string, defaults: Record<string, string>) {
    let defaultsKey = this.defaultsKeys.get(defaults);
    if (defaultsKey === undefined) {
      defaultsKey = hash('sha256', JSON.stringify(defaults), 'base64url');
      this.defaultsKeys.set(defaults, defaultsKey);
    }
    // JSON-encoded strings hold no line break: no two different inputs give one string.
    return `${ruleStamp()}\n${defaultsKey}\n${jsonString(dataPath)}\n${jsonString(server.name)}\n${server.gamePort}\n${server.udpPort}\n${server.rconPort}\n${JSON.stringify(server.config)}`;
  }
}

/** The seal over a digest and the inputs it is (or was found to be) computed from. */
const sealOf = (inputs: string, digest: string): string =>
  hash('sha256', `${inputs}\n${digest}`, 'base64url');

let stamp: string | undefined;

/**
 * The rule's own answer for one fixed server, part of every stored digest's inputs: a release
 * that changes what the expected digest is taken over (this file, the canonical form of
 * contract/drift-digest.ts, the container's shape) changes it, and every stored digest is then
 * computed again rather than trusted.
 */
function ruleStamp(): string {
  stamp ??=
    digestAt(
      {
        name: 'stamp',
        config: { PUBLIC: 'true', SERVER_NAME: 'stamp' },
        gamePort: 16261,
        udpPort: 16262,
        rconPort: 27015,
      },
      '/srv/stamp',
      { PATH: '/usr/bin', SERVER_NAME: 'stamp', PUBLIC: 'false' },
    ) ?? '';
  return stamp;
}

/**
 * Whether this container's digest says it has no drift in ports, mounts and environment — true,
 * false (its details must be compared), or null when it reports details rather than a digest
 * (compared as they are).
 */
export function digestMatches(
  server: SealedServer,
  container: ContainerInfo,
  imageEnv: ImageEnv | undefined,
  digests: ExpectedDigests,
): boolean | null {
  if (container.digest === undefined) return null;
  if (container.ports || container.mounts || container.env) return null;
  if (container.imageId === undefined) return null; // not compared at all (an agent older than drift)
  return digests.matches(server, imageDefaults(imageEnv, container.imageId), container.digest);
}
