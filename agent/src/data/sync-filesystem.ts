import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Flushes the filesystem holding `p` to disk (syncfs via coreutils `sync -f`): one call instead
 * of an fsync per file, before the previous copy of a world is deleted.
 */
export async function syncFilesystem(p: string): Promise<void> {
  await run('sync', ['-f', p]);
}
