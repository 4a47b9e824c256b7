import { rm, stat } from 'node:fs/promises';
import { PurgeRefusedError } from '../errors';
import { type DataState, inspectData } from './inspect-data';
import { markerFileName, type ServerPaths } from './server-paths';

/**
 * A purge deletes only what is provably this server's: a folder whose marker names its id. A
 * missing marker is not proof (a stranger's folder, or another server's world nested there), so
 * it is refused like a foreign one. Called before anything is removed: a refused purge changes
 * nothing. A folder that does not exist needs no proof.
 */
export async function assertDataRemovable(paths: ServerPaths, serverId: string): Promise<void> {
  if (!(await exists(paths.root))) return;
  const refusal = purgeRefusal(paths, serverId, await inspectData(paths, serverId));
  if (refusal) throw refusal;
}

/** The refusal of a purge of an existing folder in `state`, or null when its marker proves it is ours. */
export function purgeRefusal(
  paths: ServerPaths,
  serverId: string,
  state: DataState,
): PurgeRefusedError | null {
  if (state.marker === 'match') return null;
  const why =
    state.marker === 'absent'
      ? `it has no ${markerFileName} marker, so nothing proves ZedOps created it for this server`
      : `its ${markerFileName} marker names server ${state.markerServerId}`;
  return new PurgeRefusedError(
    `refusing to remove ${paths.root}: ${why}, not ${serverId}; nothing was removed`,
    { path: paths.root, markerServerId: state.markerServerId },
  );
}

/** Deletes `{dataPath}/{name}` (purge with removeData). Returns false when there was nothing. */
export async function removeServerData(paths: ServerPaths, serverId: string): Promise<boolean> {
  await assertDataRemovable(paths, serverId);
  if (!(await exists(paths.root))) return false;
  await rm(paths.root, { recursive: true, force: false });
  return true;
}

/** Missing is false; any other failure (permissions, I/O) is thrown, never read as "nothing there". */
async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw err;
  }
}
