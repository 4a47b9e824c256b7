import { hash } from 'node:crypto';
import type { ContainerMount, ContainerPortBinding } from './agent-protocol';
import { containerMountPoints } from './container-shape';

/**
 * The one digest of what drift compares of a container beyond its name and image: its published
 * bindings, the mounts the drift rule counts and the environment it sets beyond its image's
 * defaults. The agent hashes what it inspected; the manager hashes what a container without drift
 * would report; equal digests mean the container has no drift in these three (the manager then
 * needs no details), a different one costs a request for the details
 * (docs/decisions/0104-list-digest.md).
 *
 * Node only (`node:crypto`): the manager and the agent import this file by its path, the dashboard
 * never does (nor does `contract/index.ts` export it).
 */
export interface DigestedDetails {
  ports: ContainerPortBinding[];
  mounts: ContainerMount[];
  /** The environment beyond the image's defaults, as `container.list` reports `env`. */
  env: Record<string, string>;
}

/** 43 characters (sha256, base64url): the length `ContainerInfo.digest` allows with room. */
export function driftDigest(details: DigestedDetails): string {
  // The one-shot hash: a quarter of `createHash`'s time per container (no hash object each).
  return hash('sha256', canonicalDetails(details), 'base64url');
}

/**
 * The canonical form the digest is taken over: three lists — the published bindings as
 * `"hostIp",hostPort,containerPort,"protocol"`, the counted mounts as `"type","source","destination"`,
 * the variables as `"key"="value"` — each sorted (Docker's order does not matter, nor does it to
 * the drift rule), its items on lines of their own, the lists apart by a line `|`. Every string is
 * JSON-encoded, so no value holds a line break or passes for a separator, and no item is `|` or
 * empty: two different sets of details never give one form. Multisets, not sets: a port published
 * twice, or a bind mounted twice, is kept twice (the drift rule counts them). Strings are built
 * directly (no array per item): the manager builds one per server of a fleet on every pass.
 */
export function canonicalDetails({ ports, mounts, env }: DigestedDetails): string {
  const published: string[] = [];
  // Bindings that publish nothing are not compared by the drift rule.
  for (const p of ports)
    if (p.hostPort !== null)
      published.push(
        `${JSON.stringify(p.hostIp)},${p.hostPort},${p.containerPort},${JSON.stringify(p.protocol)}`,
      );
  const counted: string[] = [];
  // Exactly the mounts the drift rule counts: every bind, and anything at the two mount points.
  for (const m of mounts)
    if (
      m.type === 'bind' ||
      m.destination === containerMountPoints.bin ||
      m.destination === containerMountPoints.data
    )
      counted.push(
        `${JSON.stringify(m.type)},${JSON.stringify(m.source)},${JSON.stringify(m.destination)}`,
      );
  const variables: string[] = [];
  for (const key of Object.keys(env))
    variables.push(`${JSON.stringify(key)}=${JSON.stringify(env[key])}`);
  return `${published.sort().join('\n')}\n|\n${counted.sort().join('\n')}\n|\n${variables.sort().join('\n')}`;
}
