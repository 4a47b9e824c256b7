import type { ContainerInfo } from '@contract/agent-protocol';
import {
  containerEnv,
  containerMounts,
  containerNameFor,
  publishedUdpPorts,
} from '@contract/container-shape';
import type { DriftItem } from '@contract/http/servers';
import { isSecretKey, secretMask } from '@contract/secret-keys';
import type { AgentRow } from '../db/agents-repo';
import type { ServerRecord } from '../db/servers-repo';
import { effectiveDataPath } from './effective-config';

/** Image id → the image's default environment, as `container.list` reports it. */
export type ImageEnv = Record<string, Record<string, string>>;

/**
 * How `container` differs from the container the stored config builds (docs/design.md §3.5):
 * name, image, published ports, mounts and the environment ZedOps sets. An agent older than these
 * fields reports no image id: its containers are not compared at all (no drift rather than a
 * guess). Pure and linear in the container's size: reconcile runs it for every server of a fleet.
 */
export function containerDrift(
  server: ServerRecord,
  agent: AgentRow,
  container: ContainerInfo,
  imageEnv: ImageEnv | undefined,
): DriftItem[] {
  if (container.imageId === undefined) return [];
  const drift: DriftItem[] = [];
  const differs = (field: string, expected: string | null, actual: string | null) => {
    if (expected !== actual) drift.push({ field, expected, actual });
  };
  differs('name', containerNameFor(server.name), container.name);
  const image = imageDrift(server, agent, container);
  if (image) drift.push(image);
  if (container.ports) {
    const expected = [...publishedUdpPorts(server)].sort((a, b) => a - b);
    differs('ports', joined(expected.map((p) => `${p}:${p}/udp`)), ports(container));
  }
  const dataPath = effectiveDataPath(server, agent);
  if (container.mounts && dataPath) {
    const expected = containerMounts(dataPath, server.name);
    const points = new Set(expected.map((m) => m.containerPath));
    const actual = container.mounts
      // Anonymous volumes an image declares elsewhere are Docker's business, not drift.
      .filter((m) => m.type === 'bind' || points.has(m.destination))
      .map((m) => `${m.source}:${m.destination}`);
    differs(
      'mounts',
      listed(expected.map((m) => `${m.hostPath}:${m.containerPath}`)),
      listed(actual),
    );
  }
  if (container.env) drift.push(...envDrift(server, container, imageEnv));
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
  server: ServerRecord,
  agent: AgentRow,
  container: ContainerInfo,
): DriftItem | null {
  const image = server.image ?? agent.default_image;
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
 * Published bindings as `[ip:]host:container/proto` (`*` for "any free host port"), in container
 * port order; unpublished exposures do not count.
 */
function ports(container: ContainerInfo): string | null {
  return joined(
    (container.ports ?? [])
      .filter((p) => p.hostPort !== null)
      .sort((a, b) => a.containerPort - b.containerPort || (a.hostPort ?? 0) - (b.hostPort ?? 0))
      .map(
        (p) =>
          `${p.hostIp ? `${p.hostIp}:` : ''}${p.hostPort || '*'}:${p.containerPort}/${p.protocol}`,
      ),
  );
}

/**
 * Every variable ZedOps sets must have its value; a variable the container sets beyond its
 * image's defaults that the config does not is drift too (started by hand with `-e`, or a key
 * since removed from the config) — told apart only when the image's defaults are known.
 */
function envDrift(
  server: ServerRecord,
  container: ContainerInfo,
  imageEnv: ImageEnv | undefined,
): DriftItem[] {
  const expected = containerEnv({ ...server, env: server.config });
  const set = container.env ?? {};
  const defaults = container.imageId ? imageEnv?.[container.imageId] : undefined;
  const drift: DriftItem[] = [];
  for (const key of Object.keys(expected).sort()) {
    const actual = set[key] ?? defaults?.[key] ?? null;
    if (actual !== expected[key]) drift.push(envItem(key, expected[key]!, actual));
  }
  if (defaults)
    for (const key of Object.keys(set).sort())
      if (!(key in expected)) drift.push(envItem(key, null, set[key]!));
  return drift;
}

/** Secret values never leave the agent's reply: the key says what differs, the values stay hidden. */
function envItem(key: string, expected: string | null, actual: string | null): DriftItem {
  const hide = (v: string | null) => (v !== null && isSecretKey(key) ? secretMask : v);
  return { field: `env.${key}`, expected: hide(expected), actual: hide(actual) };
}

const joined = (items: string[]): string | null => (items.length === 0 ? null : items.join(', '));
const listed = (items: string[]): string | null => joined([...items].sort());

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
