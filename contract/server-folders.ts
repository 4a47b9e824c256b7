/**
 * Where a server's files live on its host, and the two rules about those folders: no two
 * servers' folders of one agent overlap, and every server folder lies inside one of its agent's
 * allowed roots (docs/decisions/0031-server-folders-and-allowed-roots.md). Pure functions shared
 * by the manager, the mocks and the agent, so the rule lives in one place.
 *
 * Paths are compared component by component, never as raw strings: `/srv/a/alpha` and
 * `/srv/a/alphabet` are neighbours, not nested.
 */

/** `{dataPath}/{name}` — the one folder a server owns (bin/, data/ and its marker). */
export function serverFolder(dataPath: string, serverName: string): string {
  return `${dataPath.endsWith('/') ? dataPath.replace(/\/+$/, '') : dataPath}/${serverName}`;
}

/** Path components with `//`, `/./` and trailing `/` folded and `..` applied (never above `/`). */
export function pathComponents(path: string): string[] {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out;
}

// Already normalised: absolute, no empty, `.` or `..` component, no trailing `/` (stored paths are).
const normalised = /^(?:\/(?!\.{1,2}(?:\/|$))[^/]+)+$/;

/** A comparison key: components joined, with a trailing `/` so prefix means ancestor. */
function folderKey(path: string): string {
  if (normalised.test(path)) return `${path}/`;
  return `/${pathComponents(path)
    .map((p) => `${p}/`)
    .join('')}`;
}

/** True when `inner` is `outer` itself or lies below it. */
export function isSameOrInside(inner: string, outer: string): boolean {
  return folderKey(inner).startsWith(folderKey(outer));
}

/** True when one folder equals, contains or is contained in the other. */
export function foldersOverlap(a: string, b: string): boolean {
  const ka = folderKey(a);
  const kb = folderKey(b);
  return ka.startsWith(kb) || kb.startsWith(ka);
}

export interface ServerFolderEntry {
  serverId: string;
  serverName: string;
  /** `{dataPath}/{name}` of that server. */
  path: string;
}

/**
 * The first other server whose folder overlaps `folder`, or null. One linear pass with one key
 * per entry (no pairwise work), so a create on an agent with thousands of servers stays cheap.
 */
export function findFolderOverlap(
  folder: string,
  others: Iterable<ServerFolderEntry>,
): ServerFolderEntry | null {
  const key = folderKey(folder);
  for (const other of others) {
    const otherKey = folderKey(other.path);
    if (key.startsWith(otherKey) || otherKey.startsWith(key)) return other;
  }
  return null;
}

/**
 * True when `folder` lies strictly inside one of `roots`. A root itself is never a server's
 * folder: a purge of that server would delete the whole root with its neighbours.
 */
export function isInsideAllowedRoots(folder: string, roots: readonly string[]): boolean {
  const key = folderKey(folder);
  return roots.some((root) => {
    const rootKey = folderKey(root);
    return key !== rootKey && key.startsWith(rootKey);
  });
}

/**
 * An agent's allowed roots as the manager enforces them: its default data path first, then the
 * roots the agent declared in its last hello, then any an admin added; duplicates dropped.
 * The agent enforces its own declared list independently; see the decision record.
 */
export function combineAllowedRoots(sources: {
  defaultDataPath: string | null;
  declared: readonly string[] | null;
  admin: readonly string[] | null;
}): string[] {
  const all = [
    ...(sources.defaultDataPath ? [sources.defaultDataPath] : []),
    ...(sources.declared ?? []),
    ...(sources.admin ?? []),
  ];
  return [...new Set(all)];
}

/**
 * Two entries whose folders overlap, or null. Sorted by component key, a folder's descendants
 * follow it directly (a neighbour like `alphabet/` sorts after every `alpha/…`), so comparing
 * each entry with its predecessor finds any overlap in one pass after the sort.
 */
export function findOverlappingPair(
  entries: readonly ServerFolderEntry[],
): [ServerFolderEntry, ServerFolderEntry] | null {
  const keyed = entries
    .map((entry) => ({ entry, key: folderKey(entry.path) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 1; i < keyed.length; i++) {
    const previous = keyed[i - 1]!;
    const current = keyed[i]!;
    if (current.key.startsWith(previous.key)) return [previous.entry, current.entry];
  }
  return null;
}
