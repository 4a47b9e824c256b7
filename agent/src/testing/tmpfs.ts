import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Mounts a small tmpfs on `dir` (read-only or of `sizeKb`) so a test can meet a read-only or
 * full disk for real. Needs root with CAP_SYS_ADMIN; resolves false where mounting is not allowed.
 */
export async function mountTmpfs(
  dir: string,
  options: { readOnly?: boolean; sizeKb?: number },
): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  const opts = [`size=${options.sizeKb ?? 1024}k`, ...(options.readOnly ? ['ro'] : [])].join(',');
  try {
    await run('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir]);
    return true;
  } catch {
    return false;
  }
}

/** Unmounts what mountTmpfs mounted; a no-op when nothing is mounted there. */
export async function unmount(dir: string): Promise<void> {
  await run('umount', [dir]).catch(() => undefined);
}
