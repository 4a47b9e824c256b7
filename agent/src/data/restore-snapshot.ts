import { randomUUID } from 'node:crypto';
import { mkdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RestoreResult } from '@contract/agent-protocol';
import { AgentError, RestoreFailedError } from '../errors';
import { excludedTopLevel } from './archive-entry-policy';
import { countsMismatch } from './archive-counts';
import { byteProgress } from './byte-progress';
import { takeFingerprint } from './fingerprint';
import { inspectData } from './inspect-data';
import { extractArchive, UnsafeArchiveEntryError } from './read-archive';
import { markerFileName, type ServerPaths } from './server-paths';
import type { SnapshotStore } from './snapshot-store';
import { type SwapFs, SwapUndoError, swapContents } from './swap-contents';
import { syncFilesystem } from './sync-filesystem';
import { walkTree } from './walk-tree';

export interface RestoreSnapshotInput {
  store: SnapshotStore;
  paths: ServerPaths;
  serverId: string;
  serverName: string;
  snapshotId: string;
  onProgress?: (current: number, total: number, percent: number) => void;
  /** Test seam: the renames of the final swap. */
  swapFs?: SwapFs;
}

/** Top-level names a restore never touches: game files, and the ownership marker (rewritten if absent). */
const untouched = new Set([...excludedTopLevel, markerFileName]);

/**
 * Puts snapshot `snapshotId` back into `{dataPath}/{name}`, keeping bin/ and the marker:
 * 1. extract into `{dataPath}/.zedops-restore-…` (same filesystem), refusing unsafe entries;
 * 2. check the extracted tree against the manifest (entries, files, bytes) and flush it to disk;
 * 3. swap by renames — the current entries go to `{dataPath}/.zedops-previous-…`, the new ones in;
 * 4. only once that is flushed, delete the previous entries.
 * A failure in 1–3 leaves the folder exactly as it was (the swap undoes itself) and throws
 * RestoreFailedError. The archive is found by name and id, never by a path from the manager.
 */
export async function restoreSnapshot(input: RestoreSnapshotInput): Promise<RestoreResult> {
  const { store, paths, serverId, serverName, snapshotId } = input;
  const files = store.files(serverName, snapshotId);
  const manifest = await store.readManifest(files);
  const archive = await stat(files.archive).catch(() => null);
  if (!manifest || !archive?.isFile()) {
    throw new RestoreFailedError(`snapshot ${snapshotId} of ${serverName} is not on this host`, {
      reason: 'not-found',
      path: files.archive,
    });
  }
  if (manifest.serverId !== serverId) {
    throw new RestoreFailedError(`snapshot ${snapshotId} belongs to server ${manifest.serverId}`, {
      reason: 'not-this-server',
    });
  }
  const dataPath = path.dirname(paths.root);
  if (!(await stat(dataPath).catch(() => null))?.isDirectory()) {
    throw new RestoreFailedError(`data path ${dataPath} does not exist (is its disk mounted?)`, {
      reason: 'data-path-missing',
      path: dataPath,
    });
  }
  const state = await inspectData(paths, serverId);
  if (state.marker === 'mismatch') {
    throw new RestoreFailedError(
      `${paths.root} belongs to server ${state.markerServerId} (${markerFileName}); refusing to replace it`,
      { reason: 'marker-mismatch', markerServerId: state.markerServerId },
    );
  }

  const rootExisted = (await stat(paths.root).catch(() => null)) !== null;
  const tag = `${serverName}-${randomUUID().slice(0, 8)}`;
  const staging = path.join(dataPath, `.zedops-restore-${tag}`);
  const aside = path.join(dataPath, `.zedops-previous-${tag}`);
  try {
    await mkdir(staging, { mode: 0o700 });
    const progress = byteProgress(archive.size, (c, t, p) => input.onProgress?.(c, t, p));
    const extracted = await extractArchive(files.archive, staging, {
      onArchiveBytes: (n) => progress.add(n),
    });
    // The archive must hold what the manifest says, and the disk what the archive held.
    const onDisk = await walkTree(staging);
    const mismatch =
      countsMismatch(manifest, extracted) ??
      countsMismatch(extracted, { ...onDisk, entryCount: extracted.entryCount });
    if (mismatch) {
      throw new RestoreFailedError(`snapshot did not extract complete (${mismatch})`, {
        reason: 'incomplete',
      });
    }
    await syncFilesystem(staging);
    progress.done();

    await mkdir(paths.root, { recursive: true });
    await swapContents(paths.root, staging, aside, untouched, input.swapFs);
    if (state.marker === 'absent') {
      await writeFile(paths.marker, `${serverId}\n`, { flag: 'wx', mode: 0o644 }).catch(
        () => undefined,
      );
    }
  } catch (err) {
    await rm(staging, { recursive: true, force: true, maxRetries: 5 }).catch(() => undefined);
    // A folder we created for the restore goes again (rmdir: only if the undo left it empty).
    if (!rootExisted) await rmdir(paths.root).catch(() => undefined);
    throw asRestoreFailed(err);
  }
  // The new world is in place; the previous one may go once the swap is on disk (if that cannot
  // be made sure of, it stays in the aside folder rather than risk losing both).
  if (
    await syncFilesystem(paths.root).then(
      () => true,
      () => false,
    )
  ) {
    await rm(aside, { recursive: true, force: true, maxRetries: 5 }).catch(() => undefined);
  }
  await rm(staging, { recursive: true, force: true, maxRetries: 5 }).catch(() => undefined);

  const totals = await walkTree(paths.root, { skip: (rel) => untouched.has(rel) });
  return { snapshotId, ...totals, fingerprint: await takeFingerprint(paths.data) };
}

function asRestoreFailed(err: unknown): AgentError {
  if (err instanceof AgentError) return err;
  if (err instanceof UnsafeArchiveEntryError) {
    return new RestoreFailedError(`refusing this snapshot, previous data kept: ${err.message}`, {
      reason: 'unsafe-archive',
    });
  }
  if (err instanceof SwapUndoError) {
    return new RestoreFailedError(
      `restore failed and the previous data could not all be put back; it is kept in ${err.asideDir}: ${err.message}`,
      { reason: 'undo-failed', previousDataAt: err.asideDir },
    );
  }
  const { code } = err as NodeJS.ErrnoException;
  const message = err instanceof Error ? err.message : String(err);
  return new RestoreFailedError(`restore failed, previous data kept: ${message}`, {
    reason: code === 'ENOSPC' ? 'disk-full' : 'error',
    ...(code ? { errno: code } : {}),
  });
}
