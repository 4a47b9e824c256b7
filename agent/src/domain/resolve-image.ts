import type { ContainerSpec, ImagePin } from '@contract/agent-protocol';
import { ImageUnavailableError } from '../errors';
import type { CommandContext } from './command-context';

export interface ResolvedImage {
  /** What the container is created from: the pinned image id, or `image:tag`. */
  ref: string;
  source: 'pulled' | 'local';
  /** Known already (the pinned image was local): no need to inspect it again. */
  pin?: ImagePin;
}

/**
 * The image a create uses. Pinned (a recreate): exactly the image that ran — the local copy, else
 * pulled by digest — and never whatever the tag points to today; IMAGE_UNAVAILABLE when neither
 * can be had. Unpinned (first create, rebuild): pull the tag, falling back to a local copy.
 */
export async function resolveImage(
  ctx: CommandContext,
  spec: ContainerSpec,
): Promise<ResolvedImage> {
  const tagRef = `${spec.image}:${spec.imageTag}`;
  const report = (p: { message: string; percent?: number; current?: number; total?: number }) =>
    ctx.progress({ phase: 'pulling', ...p });
  if (!spec.pin) {
    ctx.progress({ phase: 'pulling', message: `Pulling ${tagRef}` });
    return { ref: tagRef, source: await ctx.runtime.ensureImage(tagRef, report) };
  }
  const pin = spec.pin;
  const local = await pinnedLocalImage(ctx, spec);
  if (local) return local;
  if (pin.imageDigest) {
    const byDigest = `${spec.image}@${pin.imageDigest}`;
    ctx.progress({ phase: 'pulling', message: `Pulling ${byDigest}` });
    const pulled = await ctx.runtime.ensureImage(byDigest, report).catch(() => null);
    const info = pulled ? await ctx.runtime.imageInfo(byDigest) : null;
    if (info) return { ref: info.id, source: 'pulled' };
  }
  throw new ImageUnavailableError(
    `the image this server last ran (${tagRef}, ${shortId(pin.imageId)}) is not on this host` +
      (pin.imageDigest ? ' and could not be pulled by its digest' : ' and has no registry digest') +
      '; rebuild with the current tag to update it',
    { imageId: pin.imageId, imageDigest: pin.imageDigest, image: tagRef },
  );
}

/** The pinned image, when it is in the local store (nothing to pull); null otherwise. */
export async function pinnedLocalImage(
  ctx: CommandContext,
  spec: ContainerSpec,
): Promise<ResolvedImage | null> {
  const pin = spec.pin;
  if (!pin || !(await ctx.runtime.imageInfo(pin.imageId))) return null;
  return { ref: pin.imageId, source: 'local', pin };
}

/** The pin of the image a container was created from: its id, and its digest in `image`'s repository. */
export async function pinOf(
  ctx: CommandContext,
  ref: string,
  image: string,
): Promise<ImagePin | undefined> {
  const info = await ctx.runtime.imageInfo(ref);
  if (!info) return undefined;
  const digest = info.repoDigests.find((d) => d.startsWith(`${image}@`))?.split('@')[1] ?? null;
  return { imageId: info.id, imageDigest: digest };
}

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
