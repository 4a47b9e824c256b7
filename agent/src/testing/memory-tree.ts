import path from 'node:path';

/** A file's content, or a directory. */
export type TreeNode = { kind: 'file'; content: string } | { kind: 'dir' };

/**
 * A filesystem as a map of absolute paths: what FakeHostData keeps server folders in. Parents
 * are created as needed (mkdir -p); `/` always exists.
 */
export class MemoryTree {
  private readonly nodes = new Map<string, TreeNode>([['/', { kind: 'dir' }]]);

  get(p: string): TreeNode | undefined {
    return this.nodes.get(norm(p));
  }

  exists(p: string): boolean {
    return this.nodes.has(norm(p));
  }

  isDir(p: string): boolean {
    return this.get(p)?.kind === 'dir';
  }

  /** The file's content, or null when it is absent or a directory. */
  read(p: string): string | null {
    const node = this.get(p);
    return node?.kind === 'file' ? node.content : null;
  }

  mkdir(p: string): void {
    const target = norm(p);
    if (this.nodes.get(target)?.kind === 'file') throw new Error(`${target} is a file`);
    for (let dir = target; !this.nodes.has(dir); dir = path.dirname(dir))
      this.nodes.set(dir, { kind: 'dir' });
  }

  write(p: string, content: string): void {
    const target = norm(p);
    if (this.isDir(target)) throw new Error(`${target} is a directory`);
    this.mkdir(path.dirname(target));
    this.nodes.set(target, { kind: 'file', content });
  }

  /** Names directly inside `dir` (empty when it is absent). */
  children(dir: string): string[] {
    const prefix = withSlash(norm(dir));
    const names = new Set<string>();
    for (const p of this.nodes.keys())
      if (p !== prefix && p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]!);
    return [...names].sort();
  }

  /** Everything below `root` by `/`-separated relative path (root itself excluded). */
  entries(root: string): Map<string, TreeNode> {
    const prefix = withSlash(norm(root));
    const found = new Map<string, TreeNode>();
    for (const [p, node] of this.nodes)
      if (p !== prefix && p.startsWith(prefix)) found.set(p.slice(prefix.length), node);
    return found;
  }

  /** Removes `p` and everything below it. */
  remove(p: string): void {
    const target = norm(p);
    const prefix = withSlash(target);
    for (const key of [...this.nodes.keys()])
      if (key === target || key.startsWith(prefix)) this.nodes.delete(key);
  }
}

const norm = (p: string) => path.resolve('/', p);
const withSlash = (p: string) => (p.endsWith('/') ? p : `${p}/`);
