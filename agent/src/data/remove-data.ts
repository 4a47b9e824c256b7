import { rm, stat } from 'node:fs/promises';
import { InvalidRequestError } from '../errors';
import { inspectData } from './inspect-data';
import { markerFileName, type ServerPaths } from './server-paths';

/**
 * Refuses to delete data whose marker names another server: that folder is someone else's world.
 * Called before anything is removed, so a refused purge changes nothing.
 */
export async function assertDataRemovable(paths: ServerPaths, serverId: string): Promise<void> {
  const state = await inspectData(paths, serverId);
  if (state.marker === 'mismatch') {
    throw new InvalidRequestError(
      `refusing to remove ${paths.root}: its ${markerFileName} marker names server ${state.markerServerId}, not ${serverId}`,
      { path: paths.root, markerServerId: state.markerServerId },
    );
  }
}

/** Deletes `{dataPath}/{name}` (purge with removeData). Returns false when there was nothing. */
export async function removeServerData(paths: ServerPaths, serverId: string): Promise<boolean> {
  await assertDataRemovable(paths, serverId);
  try {
    await stat(paths.root);
  } catch {
    return false;
  }
  await rm(paths.root, { recursive: true, force: false });
  return true;
}
