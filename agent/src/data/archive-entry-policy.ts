import path from 'node:path';

/** The fields of a tar entry (written or read) that decide whether it may be restored. */
export interface ArchiveEntryLike {
  path: string;
  type: string;
  linkpath?: string | undefined;
}

const allowedTypes = new Set([
  'File',
  'OldFile',
  'ContiguousFile',
  'Directory',
  'SymbolicLink',
  'Link',
]);

/** Top-level folders a snapshot never holds (re-downloadable game files). */
export const excludedTopLevel = ['bin'];

/**
 * Why this entry must not be restored, or null. One rule for both sides: a snapshot is only
 * `verified` when every entry passes, and a restore refuses the whole archive at the first
 * entry that fails — an absolute path, a `..`, a link leading out of the server folder, a
 * device or fifo, or anything under bin/.
 */
export function archiveEntryProblem(entry: ArchiveEntryLike): string | null {
  const name = entry.path;
  if (!allowedTypes.has(entry.type)) return `${name}: unsupported entry type ${entry.type}`;
  if (isAbsolute(name)) return `${name}: absolute path`;
  const segments = name.split(/[\\/]/);
  if (segments.includes('..')) return `${name}: path contains ..`;
  const top = segments.find((s) => s !== '' && s !== '.');
  if (top && excludedTopLevel.includes(top)) return `${name}: ${top}/ is never part of a snapshot`;
  if (entry.type === 'Link' || entry.type === 'SymbolicLink') {
    const target = entry.linkpath ?? '';
    if (target === '' || isAbsolute(target)) return `${name}: link to absolute path ${target}`;
    if (entry.type === 'Link' && target.split(/[\\/]/).includes('..'))
      return `${name}: hard link target contains .. (${target})`;
    // Hard links name a path inside the archive; symlinks are relative to their own folder.
    const base = entry.type === 'Link' ? '.' : path.posix.dirname(name.replaceAll('\\', '/'));
    const resolved = path.posix.normalize(path.posix.join(base, target.replaceAll('\\', '/')));
    if (resolved === '..' || resolved.startsWith('../'))
      return `${name}: link leads outside the server folder (${target})`;
  }
  return null;
}

/**
 * archiveEntryProblem plus the one rule that needs memory: no entry may lie under a symlink an
 * earlier entry created (writing through it would land wherever it points). One checker per read.
 */
export function archiveEntryChecker(): (entry: ArchiveEntryLike) => string | null {
  const symlinks = new Set<string>();
  return (entry) => {
    const problem = archiveEntryProblem(entry);
    if (problem) return problem;
    const normal = path.posix.normalize(entry.path.replaceAll('\\', '/')).replace(/\/$/, '');
    for (
      let dir = path.posix.dirname(normal);
      dir !== '.' && dir !== '/';
      dir = path.posix.dirname(dir)
    ) {
      if (symlinks.has(dir)) return `${entry.path}: lies under the symlink ${dir}`;
    }
    if (entry.type === 'SymbolicLink') symlinks.add(normal);
    else symlinks.delete(normal);
    return null;
  };
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:/.test(p);
}
