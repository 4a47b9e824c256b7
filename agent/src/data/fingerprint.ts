import { stat } from 'node:fs/promises';
import type { Fingerprint } from '@contract/http/snapshots';
import { walkTree } from './walk-tree';

const savesPrefix = 'Saves/';

/**
 * Fingerprint of a server's `data/` folder in one walk (see walkTree: no file is read, symlinks
 * are not followed). Null when `data/` does not exist; an empty folder gives zeros.
 */
export async function takeFingerprint(dataDir: string): Promise<Fingerprint | null> {
  if (!(await isDirectory(dataDir))) return null;
  let hasSaves = false;
  const totals = await walkTree(dataDir, {
    onFile: (rel) => {
      if (rel.startsWith(savesPrefix)) hasSaves = true;
    },
  });
  return { ...totals, hasSaves, takenAt: new Date().toISOString() };
}

// `data/` itself is followed like the container's bind mount follows it; nothing below it is.
async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw err;
  }
}
