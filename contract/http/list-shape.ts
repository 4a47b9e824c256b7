/**
 * `?shape=columns` on the server lists (see server-columns.ts). Apart from the decoder, so a
 * page can name the request before the code that reads its reply has loaded.
 */
export const listShapes = ['columns'] as const;

/**
 * The number of servers in a server list's answer (either shape), as a response header: a client
 * learns how large the list is when the headers come, before the body (10,000 servers: 1.7 MB)
 * has been read, and can get ready for it — the dashboard fetches the large fleets' grid code.
 * Only a hint: what the body holds decides.
 */
export const serverCountHeader = 'X-Server-Count';

/** The list at `path` (one of the two server-list paths) in columns. */
export const inColumns = (path: string) => `${path}?shape=columns`;
