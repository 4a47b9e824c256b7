import { open, rename, rm, stat, statfs } from 'node:fs/promises';
import type { SnapshotResult } from '@contract/agent-protocol';
import { AgentError, SnapshotFailedError } from '../errors';
import { excludedTopLevel } from './archive-entry-policy';
import { countsMismatch } from './archive-counts';
import { byteProgress } from './byte-progress';
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
  onProgress?: (step: SnapshotStep, current: number, total: number, percent: number) => void;
}

export type SnapshotStep = 'archiving' | 'verifying';

/**
 * Archives `{dataPath}/{name}` (bin/ excluded) to `{root}/{name}/{id}.tar.gz`: written under a
 * partial name, fsynced, read back and compared entry for entry, then renamed, then described by
 * a manifest. Any failure removes the partial file and throws SnapshotFailedError; the server
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
    const archiving = byteProgress(null, (c, t, p) => input.onProgress?.('archiving', c, t, p));
    const estimate = estimateTarBytes(paths.root).then(
      (total) => archiving.setTotal(total),
      () => undefined,
    );
    const written = await writeArchive(paths.root, files.partial, {
      onTarBytes: (n) => archiving.add(n),
      minFreeBytes: store.minFreeBytes,
    });
    await estimate;
    archiving.done();

    const sizeBytes = (await stat(files.partial)).size;
    const verifying = byteProgress(sizeBytes, (c, t, p) =>
      input.onProgress?.('verifying', c, t, p),
    );
    const readBack = await listArchive(files.partial, { onArchiveBytes: (n) => verifying.add(n) });
    const mismatch = countsMismatch(written, readBack);
    if (mismatch) {
      throw new SnapshotFailedError(`snapshot did not read back as written (${mismatch})`, {
        reason: 'verify-mismatch',
      });
    }
    verifying.done();

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
