import { mkdir, readdir, rename as fsRename, rmdir } from 'node:fs/promises';
import path from 'node:path';

/** The filesystem calls a swap makes; tests pass one that fails on purpose. */
export interface SwapFs {
  rename(from: string, to: string): Promise<void>;
}

/** A swap failed and its undo failed too: the previous contents wait in `asideDir`. */
export class SwapUndoError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly undoCause: unknown,
    readonly asideDir: string,
  ) {
    super(`swap failed (${describe(cause)}) and could not be undone (${describe(undoCause)})`);
  }
}

/**
 * Replaces the top-level entries of `target` (except `keep`) with those of `incoming`, by
 * renames only — so both must be on one filesystem, and nothing is copied or deleted here.
 * The current entries go to `asideDir` (created, must not exist) first; if any rename fails,
 * every move made so far is undone in reverse and the error is rethrown, leaving `target`
 * as it was. On success the caller deletes `asideDir` — the previous contents live there
 * until then.
 */
export async function swapContents(
  target: string,
  incoming: string,
  asideDir: string,
  keep: ReadonlySet<string>,
  fs: SwapFs = { rename: fsRename },
): Promise<void> {
  const current = (await readdir(target)).filter((name) => !keep.has(name));
  const next = (await readdir(incoming)).filter((name) => !keep.has(name));
  await mkdir(asideDir, { mode: 0o700 });
  const undo: { from: string; to: string }[] = [];
  const move = async (from: string, to: string) => {
    await fs.rename(from, to);
    undo.push({ from: to, to: from });
  };
  try {
    for (const name of current) await move(path.join(target, name), path.join(asideDir, name));
    for (const name of next) await move(path.join(incoming, name), path.join(target, name));
  } catch (err) {
    // Keep undoing past a failed step: every entry put back is one the user need not look for.
    let undoErr: unknown = null;
    for (const step of undo.reverse()) {
      await fs.rename(step.from, step.to).catch((e: unknown) => (undoErr ??= e));
    }
    if (undoErr) throw new SwapUndoError(err, undoErr, asideDir);
    await rmdir(asideDir).catch(() => undefined);
    throw err;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
