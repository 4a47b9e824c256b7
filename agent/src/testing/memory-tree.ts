import path from 'node:path';

/** A file's content, or a directory. */
export type TreeNode = { kind: 'file'; content: string } | { kind: 'dir' };

/**
 * A filesystem as a map of absolute paths: what FakeHostData keeps server folders in. Parents
 * are created as needed (mkdir -p); `/` always exists. Each directory indexes its children, so a
 * listing costs what is in it, not what is on the whole "disk" (benchmarks hold 10 000 servers).
 */
export class MemoryTree {
  private readonly nodes = new Map<string, TreeNode>([['/', { kind: 'dir' }]]);
  private readonly kids = new Map<string, Set<string>>([['/', new Set()]]);

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
    const node = this.nodes.get(target);
    if (node?.kind === 'file') throw new Error(`${target} is a file`);
    if (node) return;
    this.mkdir(path.dirname(target));
    this.add(target, { kind: 'dir' });
  }

  write(p: string, content: string): void {
    const target = norm(p);
    if (this.isDir(target)) throw new Error(`${target} is a directory`);
    this.mkdir(path.dirname(target));
    this.add(target, { kind: 'file', content });
  }

  /** Names directly inside `dir` (empty when it is absent). */
  children(dir: string): string[] {
    return [...(this.kids.get(norm(dir)) ?? [])].sort();
  }

  /** Everything below `root` by `/`-separated relative path (root itself excluded). */
  entries(root: string): Map<string, TreeNode> {
    const found = new Map<string, TreeNode>();
    const visit = (dir: string, rel: string) => {
      for (const name of this.children(dir)) {
        const abs = path.join(dir, name);
        const childRel = rel ? `${rel}/${name}` : name;
        const node = this.nodes.get(abs)!;
        found.set(childRel, node);
        if (node.kind === 'dir') visit(abs, childRel);
      }
    };
    visit(norm(root), '');
    return found;
  }

  /** Removes `p` and everything below it. */
  remove(p: string): void {
    const target = norm(p);
    if (target === '/' || !this.nodes.has(target)) return;
    for (const name of this.children(target)) this.remove(path.join(target, name));
    this.nodes.delete(target);
    this.kids.delete(target);
    this.kids.get(path.dirname(target))?.delete(path.basename(target));
  }

  private add(target: string, node: TreeNode): void {
    this.nodes.set(target, node);
    if (node.kind === 'dir') this.kids.set(target, new Set());
    this.kids.get(path.dirname(target))!.add(path.basename(target));
  }
}

const norm = (p: string) => path.resolve('/', p);
