import { createHash } from 'node:crypto';
import type { ContainerMount, ContainerPortBinding } from './agent-protocol';
import { containerMountPoints } from './container-shape';

/**
 * The one digest of what drift compares of a container beyond its name and image: its published
 * bindings, the mounts the drift rule counts and the environment it sets beyond its image's
 * defaults. The agent hashes what it inspected; the manager hashes what a container without drift
 * would report; equal digests mean the container has no drift in these three (the manager then
 * needs no details), a different one costs a request for the details
 * (docs/decisions/0102-list-digest.md).
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
  return createHash('sha256').update(canonicalDetails(details)).digest('base64url');
}

/**
 * The canonical form the digest is taken over, as JSON: each item a JSON array of its fields, so
 * no value can pass for a separator. Multisets, not sets: a port published twice, or a bind
 * mounted twice, is kept twice (the drift rule counts them). Sorted, so Docker's order does not
 * matter — the drift rule ignores it too.
 */
export function canonicalDetails({ ports, mounts, env }: DigestedDetails): string {
  const published: string[] = [];
  // Bindings that publish nothing are not compared by the drift rule.
  for (const p of ports)
    if (p.hostPort !== null)
      published.push(JSON.stringify([p.hostIp, p.hostPort, p.containerPort, p.protocol]));
  const counted: string[] = [];
  // Exactly the mounts the drift rule counts: every bind, and anything at the two mount points.
  for (const m of mounts)
    if (
      m.type === 'bind' ||
      m.destination === containerMountPoints.bin ||
      m.destination === containerMountPoints.data
    )
      counted.push(JSON.stringify([m.type, m.source, m.destination]));
  const variables: string[] = [];
  for (const key of Object.keys(env)) variables.push(JSON.stringify([key, env[key]]));
  return JSON.stringify([published.sort(), counted.sort(), variables.sort()]);
}
