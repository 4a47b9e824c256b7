import { z } from '../zod';

/**
 * GET /api/servers/:serverId/rebuild-preview (operator): what a rebuild would run, compared with
 * the pinned image, asked of the registry without pulling. Never a 5xx for an agent or registry
 * that cannot answer: `changes` is then null and `reason` says why.
 */
export const RebuildPreviewResponse = z.object({
  current: z.object({
    /** `{image}:{imageTag}` a rebuild pulls; null when neither the server nor its agent names an image. */
    imageRef: z.nullable(z.string()),
    /** The pinned image (what runs now, and what a recreate brings back). */
    imageId: z.nullable(z.string()),
    imageDigest: z.nullable(z.string()),
  }),
  next: z.object({
    /** The digest the registry serves for the tag now; null when it could not be asked. */
    digest: z.nullable(z.string()),
    /** That image's id when the host holds it already, else null. */
    imageId: z.nullable(z.string()),
  }),
  /** true: the rebuild brings another image; false: the same one; null: not known (see reason). */
  changes: z.nullable(z.boolean()),
  reason: z.optional(z.string().check(z.maxLength(1000))),
});
export type RebuildPreviewResponse = z.infer<typeof RebuildPreviewResponse>;
