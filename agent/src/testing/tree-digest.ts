import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Everything a test must find unchanged under `root`, keyed by relative path: type, mode, owner
 * and a sha256 of each file's bytes (a symlink's target; a directory's listing). Symlinks are
 * described, never followed.
 */
export async function treeDigest(root: string, skip: (rel: string) => boolean = () => false) {
  const digest: Record<string, string> = {};
  const visit = async (rel: string) => {
    const abs = path.join(root, rel);
    const stat = await lstat(abs);
    const head = `mode=${(stat.mode & 0o7777).toString(8)} uid=${stat.uid} gid=${stat.gid}`;
    if (stat.isSymbolicLink()) digest[rel] = `link ${head} -> ${await readlink(abs)}`;
    else if (stat.isFile()) {
      // The whole second a tar header records: that of `stat.mtime`, the Date Node rounds
      // `mtimeMs` to. A file written in the last half-millisecond of a second is archived, and
      // restored, in the next one; flooring `mtimeMs` itself made a restore look one second off.
      const mtime = Math.floor(stat.mtime.getTime() / 1000);
      digest[rel] = `file ${head} mtime=${mtime} size=${stat.size} sha256=${await sha256(abs)}`;
    } else if (stat.isDirectory()) {
      const names = (await readdir(abs)).sort();
      digest[rel] = `dir ${head} [${names.join(',')}]`;
      for (const name of names) {
        const child = rel ? `${rel}/${name}` : name;
        if (!skip(child)) await visit(child);
      }
    } else digest[rel] = `other ${head}`;
  };
  await visit('');
  return digest;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
