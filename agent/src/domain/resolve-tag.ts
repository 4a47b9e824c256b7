import type { AgentCommand, ImageResolveResult } from '@contract/agent-protocol';
import type { CommandContext } from './command-context';
import { pinOf } from './resolve-image';

/**
 * image.resolve (read only): what a pull of `{image}:{imageTag}` would bring, asked of the
 * registry without pulling, beside what the host holds under that tag now. A registry that cannot
 * say is an answer (no digest, with the reason), so a rebuild's preview never waits on a pull.
 */
export async function resolveTag(
  ctx: CommandContext,
  { image, imageTag }: Extract<AgentCommand, { name: 'image.resolve' }>,
): Promise<ImageResolveResult> {
  const imageRef = `${image}:${imageTag}`;
  const [registry, local] = await Promise.all([
    ctx.runtime.registryDigest(imageRef),
    pinOf(ctx, imageRef, image),
  ]);
  return {
    imageRef,
    registryDigest: registry.digest,
    ...(registry.digest === null ? { reason: registry.reason.slice(0, 500) } : {}),
    local: local ?? null,
  };
}
