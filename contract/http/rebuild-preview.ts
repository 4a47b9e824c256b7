import { z } from 'zod';

/**
 * GET /api/servers/:serverId/rebuild-preview (operator): what a rebuild would run, compared with
 * the pinned image, asked of the registry without pulling. Never a 5xx for an agent or registry
 * that cannot answer: `changes` is then null and `reason` says why.
 */
export const RebuildPreviewResponse = z.object({
  current: z.object({
    /** `{image}:{imageTag}` a rebuild pulls; null when neither the server nor its agent names an image. */
    imageRef: z.string().nullable(),
    /** The pinned image (what runs now, and what a recreate brings back). */
    imageId: z.string().nullable(),
    imageDigest: z.string().nullable(),
  }),
  next: z.object({
    /** The digest the registry serves for the tag now; null when it could not be asked. */
    digest: z.string().nullable(),
    /** That image's id when the host holds it already, else null. */
    imageId: z.string().nullable(),
  }),
  /** true: the rebuild brings another image; false: the same one; null: not known (see reason). */
  changes: z.boolean().nullable(),
  reason: z.string().max(1000).optional(),
});
export type RebuildPreviewResponse = z.infer<typeof RebuildPreviewResponse>;
