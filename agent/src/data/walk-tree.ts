import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/** What one walk found: regular files (each name of a hard-linked file counts) and their bytes. */
export interface TreeTotals {
  fileCount: number;
  totalBytes: number;
}

export interface WalkOptions {
  /** Skip this entry (and, for a directory, everything under it). `rel` is `/`-separated. */
  skip?: (rel: string) => boolean;
  /** Called for each regular file counted. */
  onFile?: (rel: string, size: number) => void;
}

// lstat calls in flight per directory: enough to keep the thread pool busy on a map folder of
// thousands of files, few enough not to starve other I/O.
const statBatch = 64;

/**
 * One pass over `root` without reading any file: directories are entered, symlinks are never
 * followed (so a link loop cannot trap the walk), and a file deleted while we walk is simply
 * not counted — a running server rotates logs and temp files under our feet.
 */
export async function walkTree(root: string, options: WalkOptions = {}): Promise<TreeTotals> {
  const totals: TreeTotals = { fileCount: 0, totalBytes: 0 };
  const pending: string[] = [''];
  while (pending.length > 0) {
    const dirRel = pending.pop() as string;
    const entries = await readdirOrNull(path.join(root, dirRel));
    if (!entries) continue;
    const files: string[] = [];
    for (const entry of entries) {
      const rel = dirRel ? `${dirRel}/${entry.name}` : entry.name;
      if (options.skip?.(rel)) continue;
      if (entry.isDirectory()) pending.push(rel);
      else if (entry.isFile()) files.push(rel);
    }
    for (let i = 0; i < files.length; i += statBatch) {
      const batch = files.slice(i, i + statBatch);
      const stats = await Promise.all(batch.map((rel) => lstatOrNull(path.join(root, rel))));
      stats.forEach((stat, j) => {
        if (!stat?.isFile()) return;
        totals.fileCount += 1;
        totals.totalBytes += stat.size;
        options.onFile?.(batch[j] as string, stat.size);
      });
    }
  }
  return totals;
}

async function readdirOrNull(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (isGone(err)) return null;
    throw err;
  }
}

async function lstatOrNull(file: string) {
  try {
    return await lstat(file);
  } catch (err) {
    if (isGone(err)) return null;
    throw err;
  }
}

function isGone(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
