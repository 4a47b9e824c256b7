import type { ContainerInfo, ContainerMount, ContainerPortBinding } from '@contract/agent-protocol';
import {
  containerEnv,
  containerMounts,
  containerNameFor,
  publishedUdpPorts,
} from '@contract/container-shape';
import type { DriftItem } from '@contract/http/servers';
import { isSecretKey, secretMask } from '@contract/secret-keys';
import type { AgentRecord } from '../db/agents-repo';
import type { ObservedRecord } from '../db/servers-repo';
import { effectiveDataPath } from './effective-config';

/** Image id → the image's default environment, as `container.list` reports it. */
export type ImageEnv = Record<string, Record<string, string>>;

/**
 * The default environment of the image a container runs, when the list reported it: the one rule
 * the drift check and its digest (expected-digest.ts) both read them by, so they never disagree.
 */
export function imageDefaults(
  imageEnv: ImageEnv | undefined,
  imageId: string | undefined,
): Record<string, string> | undefined {
  return imageEnv && imageId !== undefined && Object.hasOwn(imageEnv, imageId)
    ? imageEnv[imageId]
    : undefined;
}

/**
 * How `container` differs from the container the stored config builds (docs/design.md §3.5):
 * name, image, published ports, mounts and the environment ZedOps sets. An agent older than these
 * fields reports no image id: its containers are not compared at all (no drift rather than a
 * guess). Pure and linear in the container's size: reconcile runs it for every server of a fleet.
 */
export function containerDrift(
  server: ObservedRecord,
  agent: AgentRecord,
  container: ContainerInfo,
  imageEnv: ImageEnv | undefined,
): DriftItem[] {
  if (container.imageId === undefined) return [];
  const drift: DriftItem[] = [];
  const name = containerNameFor(server.name);
  if (container.name !== name)
    drift.push({ field: 'name', expected: name, actual: container.name });
  const image = imageDrift(server, agent, container);
  if (image) drift.push(image);
  const ports = container.ports && portsDrift(server, container.ports);
  if (ports) drift.push(ports);
  const dataPath = effectiveDataPath(server, agent);
  const mounts = container.mounts && dataPath && mountsDrift(server, dataPath, container.mounts);
  if (mounts) drift.push(mounts);
  if (container.env) envDrift(server, container, imageEnv, drift);
  return drift;
}

/** True when two drift lists say the same (stored vs freshly computed: skip the write). */
export function sameDrift(a: DriftItem[], b: DriftItem[]): boolean {
  if (a.length !== b.length) return false;
  return a.every(
    (x, i) => x.field === b[i]!.field && x.expected === b[i]!.expected && x.actual === b[i]!.actual,
  );
}

/**
 * With a pin, the container must run exactly the pinned image id; without one (never pinned, or
 * the tag changed and dropped it), it must have been created from `image:tag`.
 */
function imageDrift(
  server: ObservedRecord,
  agent: AgentRecord,
  container: ContainerInfo,
): DriftItem | null {
  const image = server.image ?? agent.defaultImage;
  if (!image) return null;
  const ref = `${image}:${server.imageTag}`;
  if (server.imageId) {
    if (container.imageId === server.imageId) return null;
    return {
      field: 'image',
      expected: `${ref} (${shortId(server.imageId)})`,
      actual: `${container.image} (${shortId(container.imageId ?? '?')})`,
    };
  }
  if (container.image === ref) return null;
  return { field: 'image', expected: ref, actual: container.image };
}

/**
 * The game and UDP ports published on the same host port, on every address, and nothing else
 * published. Checked without building strings (reconcile runs this per server); the strings —
 * `[ip:]host:container/proto`, `*` for "any free host port", in container port order — are made
 * only for a difference.
 */
function portsDrift(server: ObservedRecord, bindings: ContainerPortBinding[]): DriftItem | null {
  const wanted = publishedUdpPorts(server);
  if (exactPorts(wanted, bindings)) return null;
  const published = bindings.filter((p) => p.hostPort !== null);
  const expected = [...wanted].sort((a, b) => a - b).map((p) => `${p}:${p}/udp`);
  const actual = published
    .sort((a, b) => a.containerPort - b.containerPort || (a.hostPort ?? 0) - (b.hostPort ?? 0))
    .map(
      (p) =>
        `${p.hostIp ? `${p.hostIp}:` : ''}${p.hostPort || '*'}:${p.containerPort}/${p.protocol}`,
    );
  return { field: 'ports', expected: joined(expected), actual: joined(actual) };
}

/**
 * Exactly `wanted` published, each once, on every address and the same port inside, over UDP —
 * and nothing else published. Allocates nothing: it runs for every container of a fleet.
 */
function exactPorts(wanted: number[], bindings: ContainerPortBinding[]): boolean {
  let published = 0;
  for (const p of bindings) {
    if (p.hostPort === null) continue;
    published++;
    if (
      p.protocol !== 'udp' ||
      p.hostIp !== '' ||
      p.hostPort !== p.containerPort ||
      !wanted.includes(p.containerPort)
    )
      return false;
  }
  if (published !== wanted.length) return false;
  // As many distinct ports published as wanted: all of them published are wanted and there are
  // as many, so each wanted port must be among them (and none wanted twice).
  for (let i = 0; i < wanted.length; i++) {
    if (wanted.indexOf(wanted[i]!) !== i) return false;
    let found = false;
    for (const p of bindings)
      if (p.hostPort !== null && p.containerPort === wanted[i]) found = true;
    if (!found) return false;
  }
  return true;
}

/** The two bind mounts and no other bind; anonymous volumes an image declares elsewhere do not count. */
function mountsDrift(
  server: ObservedRecord,
  dataPath: string,
  mounts: ContainerMount[],
): DriftItem | null {
  const expected = containerMounts(dataPath, server.name);
  const counts = (m: ContainerMount) =>
    m.type === 'bind' || expected.some((e) => e.containerPath === m.destination);
  if (exactMounts(expected, mounts, counts)) return null;
  const relevant = mounts.filter(counts);
  return {
    field: 'mounts',
    expected: listed(expected.map((m) => `${m.hostPath}:${m.containerPath}`)),
    actual: listed(relevant.map((m) => `${m.source}:${m.destination}`)),
  };
}

/**
 * As many mounts count as are expected and each expected bind is among them (a bind always
 * counts). Without building the filtered list of the mounts that count, as the general path did.
 */
function exactMounts(
  expected: { hostPath: string; containerPath: string }[],
  mounts: ContainerMount[],
  counts: (m: ContainerMount) => boolean,
): boolean {
  let relevant = 0;
  for (const m of mounts) if (counts(m)) relevant++;
  if (relevant !== expected.length) return false;
  for (const e of expected) {
    let found = false;
    for (const m of mounts)
      if (m.type === 'bind' && m.source === e.hostPath && m.destination === e.containerPath)
        found = true;
    if (!found) return false;
  }
  return true;
}

/**
 * Every variable ZedOps sets must have its value; a variable the container sets beyond its
 * image's defaults that the config does not is drift too (started by hand with `-e`, or a key
 * since removed from the config) — told apart only when the image's defaults are known.
 * Appends to `drift`, each part in key order.
 */
function envDrift(
  server: ObservedRecord,
  container: ContainerInfo,
  imageEnv: ImageEnv | undefined,
  drift: DriftItem[],
): void {
  // Only what the environment is built from (not a copy of the whole record, per container).
  const expected = containerEnv({
    env: server.config,
    gamePort: server.gamePort,
    udpPort: server.udpPort,
    rconPort: server.rconPort,
  });
  const set = container.env ?? {};
  const defaults = imageDefaults(imageEnv, container.imageId);
  const found: DriftItem[] = [];
  for (const key of Object.keys(expected)) {
    const actual = own(set, key) ?? (defaults && own(defaults, key)) ?? null;
    if (actual !== expected[key]) found.push(envItem(key, expected[key]!, actual));
  }
  if (defaults)
    for (const key of Object.keys(set))
      if (!Object.hasOwn(expected, key)) found.push(envItem(key, null, set[key]!));
  if (found.length === 0) return;
  // Expected keys first, then the extras, each sorted: a stable order whatever Docker reports.
  const isExtra = (d: DriftItem) => d.expected === null;
  const byField = (a: DriftItem, b: DriftItem) => (a.field < b.field ? -1 : 1);
  drift.push(
    ...found.filter((d) => !isExtra(d)).sort(byField),
    ...found.filter(isExtra).sort(byField),
  );
}

/** Secret values never leave the agent's reply: the key says what differs, the values stay hidden. */
function envItem(key: string, expected: string | null, actual: string | null): DriftItem {
  const hide = (v: string | null) => (v !== null && isSecretKey(key) ? secretMask : v);
  return { field: `env.${key}`, expected: hide(expected), actual: hide(actual) };
}

/** A variable's value only if the record itself has it (never `constructor` and friends). */
const own = (record: Record<string, string>, key: string): string | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

const joined = (items: string[]): string | null => (items.length === 0 ? null : items.join(', '));
const listed = (items: string[]): string | null => joined([...items].sort());

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
