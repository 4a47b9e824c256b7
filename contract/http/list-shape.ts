/**
 * `?shape=columns` on the server lists (see server-columns.ts). Apart from the decoder, so a
 * page can name the request before the code that reads its reply has loaded.
 */
export const listShapes = ['columns'] as const;

/** The list at `path` (one of the two server-list paths) in columns. */
export const inColumns = (path: string) => `${path}?shape=columns`;
