import { z } from './zod';
import { ImageName, ImageTag } from './http/validation';

/** An exact image: the id Docker gave it on the host, and its registry digest when it has one. */
export const ImagePin = z.object({
  imageId: z.string().check(z.minLength(1), z.maxLength(200)),
  imageDigest: z.nullable(z.string().check(z.maxLength(300))),
});
export type ImagePin = z.infer<typeof ImagePin>;

/** A content digest as registries and Docker write it (`sha256:` and hex). */
export const ImageDigest = z
  .string()
  .check(
    z.maxLength(200),
    z.regex(/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-f0-9]{32,}$/, 'not a content digest'),
  );

/**
 * `image.resolve`: what `{image}:{imageTag}` would be after a pull, asked of the registry without
 * pulling (Docker's distribution inspect), and what the host holds under that tag now. Read only.
 */
export const ImageResolveCommand = z.object({
  name: z.literal('image.resolve'),
  image: ImageName,
  imageTag: ImageTag,
});

export const ImageResolveResult = z.object({
  /** `{image}:{imageTag}` as asked. */
  imageRef: z.string().check(z.maxLength(400)),
  /**
   * The manifest digest the registry serves for the tag now: what a pull would record as the
   * image's repo digest. Null when the registry could not say (unreachable, no answer in time,
   * tag unknown), and `reason` says why.
   */
  registryDigest: z.nullable(ImageDigest),
  reason: z.optional(z.string().check(z.maxLength(500))),
  /** The image this host holds under the tag now (its digest in `image`'s repository), or null. */
  local: z.nullable(ImagePin),
});
export type ImageResolveResult = z.infer<typeof ImageResolveResult>;
