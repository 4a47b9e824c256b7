import { mkdir, writeFile } from 'node:fs/promises';
import type { ServerPaths } from './server-paths';

/**
 * `mkdir -p` bin/ and data/, and write the marker only when there is none. Existing files are
 * never opened for writing: mkdir on an existing directory is a no-op and the marker is written
 * with O_EXCL ('wx'), so a marker already there (ours or a stranger's) stays as it is.
 */
export async function prepareDataDirs(paths: ServerPaths, serverId: string): Promise<void> {
  await mkdir(paths.bin, { recursive: true });
  await mkdir(paths.data, { recursive: true });
  try {
    await writeFile(paths.marker, `${serverId}\n`, { flag: 'wx', mode: 0o644 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}
