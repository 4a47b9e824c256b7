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
        `${jsonString(p.hostIp)},${p.hostPort},${p.containerPort},${jsonString(p.protocol)}`,
      );
  const counted: string[] = [];
  // Exactly the mounts the drift rule counts: every bind, and anything at the two mount points.
  for (const m of mounts)
    if (
      m.type === 'bind' ||
      m.destination === containerMountPoints.bin ||
      m.destination === containerMountPoints.data
    )
      counted.push(`${jsonString(m.type)},${jsonString(m.source)},${jsonString(m.destination)}`);
  const variables: string[] = [];
  for (const key of Object.keys(env)) variables.push(`${jsonString(key)}=${jsonString(env[key]!)}`);
  return `${sorted(published).join('\n')}\n|\n${sorted(counted).join('\n')}\n|\n${sorted(variables).join('\n')}`;
}

/** What `JSON.stringify` escapes in a string: `"`, `\`, control characters, lone surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const escaped = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * `JSON.stringify(s)`, the same string, at a fraction of its cost where nothing needs escaping
 * (every value a ZedOps container sets): a pass hashes one form per container on both sides. Any
 * surrogate, paired or not, takes the slow path.
 */
export const jsonString = (s: string): string => (escaped.test(s) ? JSON.stringify(s) : `"${s}"`);

/**
 * In the default sort's order of strings (UTF-16 code units). A container's lists are a few items
 * each, and `Array.prototype.sort` costs more to set up than sorting them: twice the time of the
 * whole form. Long lists (an agent may report a thousand bindings) still go to it.
 */
function sorted(items: string[]): string[] {
  if (items.length > 16) return items.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i - 1;
    for (; j >= 0 && items[j]! > item; j--) items[j + 1] = items[j]!;
    items[j + 1] = item;
  }
  return items;
}
