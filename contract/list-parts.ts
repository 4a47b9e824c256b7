import type { ListPart, ListResult } from './agent-protocol';

/**
 * A `container.list` result cut for the wire when the manager asked for parts: every full
 * `partSize` slice but the last goes in a `reply.part` frame, the reply carries the rest, the
 * images' environments and how many parts came before it. The first part carries the images'
 * environments as well, so its containers can be compared before the reply comes.
 */
export function splitListResult(
  result: ListResult,
  partSize: number,
): { parts: ListPart[]; reply: ListResult } {
  const parts: ListPart[] = [];
  let from = 0;
  while (result.containers.length - from > partSize) {
    const containers = result.containers.slice(from, from + partSize);
    parts.push(
      from === 0 && result.imageEnv ? { containers, imageEnv: result.imageEnv } : { containers },
    );
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
  const imageEnv = reply.imageEnv ?? parts[0]?.imageEnv;
  return {
    containers: [...parts.flatMap((p) => p.containers), ...reply.containers],
    ...(imageEnv ? { imageEnv } : {}),
  };
}
