import {
  lstat,
  mkdir,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
  rmdir,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod/mini';
import { type SnapshotOnDisk } from '@contract/agent-protocol';
import { EntityId, Timestamp } from '@contract/common';
import { SnapshotId } from '@contract/http/snapshots';
import { ServerName } from '@contract/http/validation';
import { InvalidRequestError } from '../errors';

/** Folder under the agent's default data path where snapshots live unless configured otherwise. */
export const snapshotDirName = '.zedops-snapshots';

/** `{defaultDataPath}/.zedops-snapshots`, or null when the agent has neither that nor a root. */
export function defaultSnapshotRoot(defaultDataPath: string | undefined): string | null {
  return defaultDataPath ? path.join(defaultDataPath, snapshotDirName) : null;
}

/** Written next to each archive once it is verified: what it holds and whose it is. */
export const SnapshotManifest = z.object({
  formatVersion: z.literal(1),
  snapshotId: SnapshotId,
  serverId: EntityId,
  serverName: ServerName,
  /** Every tar entry (directories, links and files). */
  entryCount: z.number().check(z.int(), z.nonnegative()),
  fileCount: z.number().check(z.int(), z.nonnegative()),
  totalBytes: z.number().check(z.int(), z.nonnegative()),
  sizeBytes: z.number().check(z.int(), z.nonnegative()),
  createdAt: Timestamp,
});
export type SnapshotManifest = z.infer<typeof SnapshotManifest>;

/** Where one snapshot's files live. */
export interface SnapshotFiles {
  dir: string;
  archive: string;
  manifest: string;
  /** The archive while it is written; renamed to `archive` only once verified. */
  partial: string;
}

const archiveName = /^([0-9a-f-]{36})\.tar\.gz$/;

/**
 * The agent's snapshot root: `{root}/{serverName}/{snapshotId}.tar.gz` plus `{snapshotId}.json`.
 * Every name is validated here, so no path from the wire is ever joined unchecked.
 */
export class SnapshotStore {
  /**
   * @param root where archives live, outside every server folder
   * @param minFreeBytes free space a snapshot leaves on the root's disk (it fails rather than
   *   go below: the game servers may save to that disk)
   */
  constructor(
    readonly root: string,
    readonly minFreeBytes = 256 * 1024 * 1024,
  ) {
    if (!path.isAbsolute(root))
      throw new Error(`snapshot root must be an absolute path, not "${root}"`);
  }

  /** Paths of one snapshot; refuses a name or id that is not a valid path component. */
  files(serverName: string, snapshotId: string): SnapshotFiles {
    assertSnapshotNames(serverName, snapshotId);
    const dir = path.join(this.root, serverName);
    return {
      dir,
      archive: path.join(dir, `${snapshotId}.tar.gz`),
      manifest: path.join(dir, `${snapshotId}.json`),
      partial: path.join(dir, `.${snapshotId}.tar.gz.partial`),
    };
  }

  /** mkdir -p the server's snapshot folder, readable by the agent's user only (worlds hold secrets). */
  async ensureDir(files: SnapshotFiles): Promise<void> {
    await mkdirEach(files.dir);
  }

  /** The manifest, or null when it is absent or unreadable. */
  async readManifest(files: SnapshotFiles): Promise<SnapshotManifest | null> {
    try {
      return SnapshotManifest.parse(JSON.parse(await readFile(files.manifest, 'utf8')));
    } catch {
      return null;
    }
  }

  /** Written to a temp name and renamed, so a manifest is either whole or absent. */
  async writeManifest(files: SnapshotFiles, manifest: SnapshotManifest): Promise<void> {
    const temp = `${files.manifest}.partial`;
    await writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, files.manifest);
  }

  /** Removes the archive, its manifest and any partial; true when there was an archive. */
  async remove(files: SnapshotFiles): Promise<boolean> {
    const existed = await exists(files.archive);
    await rm(files.archive, { force: true });
    await rm(files.partial, { force: true });
    await rm(files.manifest, { force: true });
    // The server's folder goes with its last snapshot (rmdir refuses while anything is left).
    await rmdir(files.dir).catch(() => undefined);
    return existed;
  }

  /** Archives on disk, of one server name or of all; partial files are not snapshots. */
  async list(serverName?: string): Promise<SnapshotOnDisk[]> {
    const names = serverName ? [serverName] : await readdirOrEmpty(this.root);
    const found: SnapshotOnDisk[] = [];
    for (const name of names) {
      if (!ServerName.safeParse(name).success) continue;
      for (const file of await readdirOrEmpty(path.join(this.root, name))) {
        const id = archiveName.exec(file)?.[1];
        if (!id || !SnapshotId.safeParse(id).success) continue;
        const files = this.files(name, id);
        const stat = await lstat(files.archive).catch(() => null);
        if (!stat?.isFile()) continue;
        const manifest = await this.readManifest(files);
        found.push({
          snapshotId: id,
          serverName: name,
          serverId: manifest?.serverId ?? null,
          sizeBytes: stat.size,
          fileCount: manifest?.fileCount ?? null,
          totalBytes: manifest?.totalBytes ?? null,
          createdAt: manifest?.createdAt ?? stat.mtime.toISOString(),
        });
      }
    }
    return found;
  }

  /**
   * True when the snapshot root and `folder` are the same or one holds the other — archiving a
   * folder into itself would grow forever, and a purge of it would take its own snapshots along.
   */
  async overlaps(folder: string): Promise<boolean> {
    const [a, b] = await Promise.all([realExisting(this.root), realExisting(folder)]);
    return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
  }
}

/** INVALID_REQUEST unless both are valid path components (they come from the wire). */
export function assertSnapshotNames(serverName: string, snapshotId: string): void {
  if (!ServerName.safeParse(serverName).success)
    throw new InvalidRequestError(`invalid server name "${serverName}"`, { serverName });
  if (!SnapshotId.safeParse(snapshotId).success)
    throw new InvalidRequestError(`invalid snapshot id "${snapshotId}"`, { snapshotId });
}

/**
 * mkdir -p one level at a time: a recursive mkdir reports a read-only filesystem as ENOENT,
 * and "the snapshot root is not writable" must be told apart from "something is missing".
 */
async function mkdirEach(dir: string): Promise<void> {
  const parent = path.dirname(dir);
  if (parent !== dir && !(await exists(parent))) await mkdirEach(parent);
  try {
    await mkdir(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/** realpath of the deepest existing ancestor, plus the rest of the path as given. */
async function realExisting(p: string): Promise<string> {
  const resolved = path.resolve(p);
  try {
    return await realpath(resolved);
  } catch {
    const parent = path.dirname(resolved);
    if (parent === resolved) return resolved;
    return path.join(await realExisting(parent), path.basename(resolved));
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw err;
  }
}

async function exists(p: string): Promise<boolean> {
  return (await lstat(p).catch(() => null)) !== null;
}
