import type { ListPart, ListResult } from './agent-protocol';

/**
 * A `container.list` result cut for the wire when the manager asked for parts: every full
 * `partSize` slice but the last goes in a `reply.part` frame, the reply carries the rest, the
 * images' environments and how many parts came before it.
 */
export function splitListResult(
  result: ListResult,
  partSize: number,
): { parts: ListPart[]; reply: ListResult } {
  const parts: ListPart[] = [];
  let from = 0;
  while (result.containers.length - from > partSize) {
    parts.push({ containers: result.containers.slice(from, from + partSize) });
    from += partSize;
  }
  return {
    parts,
    reply: { ...result, containers: result.containers.slice(from), parts: parts.length },
  };
}

/**
 * The whole listing from the parts received and the reply, or null when the reply counts a
 * different number of parts than arrived (one was lost or forged: the listing is not whole).
 */
export function joinListParts(parts: ListPart[], reply: ListResult): ListResult | null {
  if ((reply.parts ?? 0) !== parts.length) return null;
  return {
    containers: [...parts.flatMap((p) => p.containers), ...reply.containers],
    ...(reply.imageEnv ? { imageEnv: reply.imageEnv } : {}),
  };
}
