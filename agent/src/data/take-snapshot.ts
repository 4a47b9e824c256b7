import { open, rename, rm, stat, statfs } from 'node:fs/promises';
import type { SnapshotResult } from '@contract/agent-protocol';
import { AgentError, SnapshotFailedError } from '../errors';
import { excludedTopLevel } from './archive-entry-policy';
import { type ArchiveCounts, countsMismatch } from './archive-counts';
import { byteProgress } from './byte-progress';
import { followGrowingFile, GrowingFileWriter } from './growing-file';
import { listArchive, UnsafeArchiveEntryError } from './read-archive';
import type { ServerPaths } from './server-paths';
import type { SnapshotFiles, SnapshotStore } from './snapshot-store';
import { walkTree } from './walk-tree';
import { DiskReserveError, writeArchive } from './write-archive';

export interface TakeSnapshotInput {
  store: SnapshotStore;
  paths: ServerPaths;
  serverId: string;
  serverName: string;
  snapshotId: string;
  /** Uncompressed bytes archived of the (estimated) total; the read-back runs alongside. */
  onProgress?: (current: number, total: number, percent: number) => void;
}

/**
 * Archives `{dataPath}/{name}` (bin/ excluded) to `{root}/{name}/{id}.tar.gz`: written under a
 * partial name and read back from it entry for entry, fsynced, compared, then renamed, then
 * described by a manifest. Any failure removes the partial file and throws SnapshotFailedError; the server
 * folder is only read. A snapshot id that already has a verified archive is answered from it.
 */
export async function takeSnapshot(input: TakeSnapshotInput): Promise<SnapshotResult> {
  const { store, paths, serverId, serverName, snapshotId } = input;
  const files = store.files(serverName, snapshotId);
  const existing = await existingSnapshot(store, files, serverId);
  if (existing) return existing;

  let renamed = false;
  try {
    await assertFolder(paths.root);
    if (await store.overlaps(paths.root)) {
      throw new SnapshotFailedError(
        `snapshot root ${store.root} and server folder ${paths.root} overlap; a snapshot would archive itself`,
        { reason: 'overlap', snapshotRoot: store.root, path: paths.root },
      );
    }
    await store.ensureDir(files);
    await assertFreeSpace(files.dir, store.minFreeBytes);

    // The total (for progress only) is counted while the archive is already being written.
    const archiving = byteProgress(null, (c, t, p) => input.onProgress?.(c, t, p));
    const estimate = estimateTarBytes(paths.root).then(
      (total) => archiving.setTotal(total),
      () => undefined,
    );
    const { written, readBack } = await writeAndReadBack(paths.root, files.partial, {
      onTarBytes: (n) => archiving.add(n),
      minFreeBytes: store.minFreeBytes,
    });
    await estimate;
    archiving.done();
    const mismatch = countsMismatch(written, readBack);
    if (mismatch) {
      throw new SnapshotFailedError(`snapshot did not read back as written (${mismatch})`, {
        reason: 'verify-mismatch',
      });
    }
    const sizeBytes = (await stat(files.partial)).size;

    await rename(files.partial, files.archive);
    renamed = true;
    const createdAt = new Date().toISOString();
    await store.writeManifest(files, {
      formatVersion: 1,
      snapshotId,
      serverId,
      serverName,
      ...written,
      sizeBytes,
      createdAt,
    });
    await syncDir(files.dir);
    return {
      snapshotId,
      path: files.archive,
      sizeBytes,
      fileCount: written.fileCount,
      totalBytes: written.totalBytes,
      verified: true,
      createdAt,
    };
  } catch (err) {
    // Nothing of a failed snapshot stays: not the partial, not an archive without its manifest.
    const leftovers = [
      files.partial,
      `${files.manifest}.partial`,
      ...(renamed ? [files.archive, files.manifest] : []),
    ];
    await Promise.all(leftovers.map((f) => rm(f, { force: true }).catch(() => undefined)));
    throw asSnapshotFailed(err, store.root);
  }
}

/**
 * Writes the archive and reads it back from the file through a second descriptor as it grows
 * (the read-back costs a core that writing leaves idle, instead of time after it). Either side
 * failing stops the other; both have settled when this returns or throws.
 */
async function writeAndReadBack(
  root: string,
  partial: string,
  options: { onTarBytes: (n: number) => void; minFreeBytes: number },
): Promise<{ written: ArchiveCounts; readBack: ArchiveCounts }> {
  const file = new GrowingFileWriter(partial);
  const stop = new AbortController();
  const writing = writeArchive(root, file, { ...options, signal: stop.signal });
  const reading = listArchive(followGrowingFile(file));
  const [written, readBack] = await Promise.allSettled([
    writing,
    reading.catch((err: unknown) => {
      stop.abort(err);
      throw err;
    }),
  ]);
  // Report the cause, not its echo: a writer failure (disk full…) makes the reader fail too,
  // and a reader failure (unsafe entry…) aborts the writer.
  if (written.status === 'rejected' && (written.reason as Error).name !== 'AbortError')
    throw written.reason;
  if (readBack.status === 'rejected') throw readBack.reason;
  if (written.status === 'rejected') throw written.reason;
  return { written: written.value, readBack: readBack.value };
}

/** A complete earlier run of the same snapshot id (a retried request) is the answer. */
async function existingSnapshot(
  store: SnapshotStore,
  files: SnapshotFiles,
  serverId: string,
): Promise<SnapshotResult | null> {
  const manifest = await store.readManifest(files);
  if (!manifest) return null;
  if (manifest.serverId !== serverId) {
    throw new SnapshotFailedError(
      `snapshot ${manifest.snapshotId} belongs to server ${manifest.serverId}`,
      {
        reason: 'id-taken',
      },
    );
  }
  const size = await stat(files.archive).then(
    (s) => s.size,
    () => null,
  );
  if (size !== manifest.sizeBytes) return null;
  return {
    snapshotId: manifest.snapshotId,
    path: files.archive,
    sizeBytes: manifest.sizeBytes,
    fileCount: manifest.fileCount,
    totalBytes: manifest.totalBytes,
    verified: true,
    createdAt: manifest.createdAt,
  };
}

async function assertFolder(root: string): Promise<void> {
  const found = await stat(root).catch(() => null);
  if (!found?.isDirectory()) {
    throw new SnapshotFailedError(
      `server folder ${root} does not exist; there is nothing to snapshot`,
      {
        reason: 'folder-missing',
        path: root,
      },
    );
  }
}

async function assertFreeSpace(dir: string, minFreeBytes: number): Promise<void> {
  const fs = await statfs(dir);
  const free = fs.bavail * fs.bsize;
  if (free < minFreeBytes) throw new DiskReserveError(free, minFreeBytes);
}

/** Size of the tar stream to come (headers and padding included), for progress only. */
async function estimateTarBytes(root: string): Promise<number> {
  let bytes = 1024;
  await walkTree(root, {
    skip: (rel) => excludedTopLevel.includes(rel),
    onFile: (_rel, size) => (bytes += 512 + Math.ceil(size / 512) * 512),
  });
  return bytes;
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function asSnapshotFailed(err: unknown, snapshotRoot: string): AgentError {
  if (err instanceof AgentError) return err;
  if (err instanceof UnsafeArchiveEntryError) {
    return new SnapshotFailedError(
      `the server folder could not be restored from this snapshot: ${err.message}`,
      {
        reason: 'unrestorable',
      },
    );
  }
  if (err instanceof DiskReserveError) {
    return new SnapshotFailedError(`snapshot stopped: ${err.message}`, {
      reason: 'disk-full',
      freeBytes: err.freeBytes,
      minFreeBytes: err.minFreeBytes,
    });
  }
  const { code, path } = err as NodeJS.ErrnoException;
  // The snapshot root, a folder under it or one above it (mkdir -p) refused us.
  const underRoot =
    typeof path === 'string' &&
    (`${path}/`.startsWith(`${snapshotRoot}/`) || `${snapshotRoot}/`.startsWith(`${path}/`));
  const refused = code === 'EROFS' || code === 'EACCES' || code === 'EPERM';
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'disk-full'
      : refused && underRoot
        ? 'not-writable'
        : 'error';
  const message = err instanceof Error ? err.message : String(err);
  return new SnapshotFailedError(`snapshot failed (${reason}): ${message}`, {
    reason,
    snapshotRoot,
    ...(code ? { errno: code } : {}),
  });
}
