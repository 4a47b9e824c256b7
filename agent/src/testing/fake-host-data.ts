import path from 'node:path';
import type { RestoreResult, SnapshotOnDisk, SnapshotResult } from '@contract/agent-protocol';
import { ServerName } from '@contract/http/validation';
import type { Fingerprint } from '@contract/http/snapshots';
import { excludedTopLevel } from '../data/archive-entry-policy';
import type { HostData, SnapshotArchive, SnapshotRequest } from '../data/host-data';
import { type DataState, markerState } from '../data/inspect-data';
import { purgeRefusal } from '../data/remove-data';
import { markerFileName, type ServerPaths } from '../data/server-paths';
import { assertSnapshotNames } from '../data/snapshot-store';
import { RestoreFailedError, SnapshotFailedError } from '../errors';
import { MemoryTree, type TreeNode } from './memory-tree';

/**
 * HostData over an in-memory tree, held to the real one's contract by host-data-contract.ts.
 * Tests seed and read folders through `tree`.
 */
export class FakeHostData implements HostData {
  readonly snapshots: FakeSnapshotArchive | null;

  /** @param snapshotRoot where archives "live" (reported paths, overlap check); null: none. */
  constructor(
    readonly tree = new MemoryTree(),
    snapshotRoot: string | null = '/srv/zedops/.zedops-snapshots',
  ) {
    this.snapshots = snapshotRoot ? new FakeSnapshotArchive(this, snapshotRoot) : null;
  }

  async inspect(paths: ServerPaths, serverId: string): Promise<DataState> {
    await diskTurn();
    const markerServerId = this.tree.read(paths.marker)?.trim() ?? null;
    return {
      dataExists: this.tree.isDir(paths.data) && this.tree.children(paths.data).length > 0,
      binExists: this.tree.isDir(paths.bin),
      marker: markerState(markerServerId, serverId),
      markerServerId,
    };
  }

  async fingerprint(paths: ServerPaths): Promise<Fingerprint | null> {
    await diskTurn();
    if (!this.tree.isDir(paths.data)) return null;
    let hasSaves = false;
    const totals = countFiles(this.tree.entries(paths.data), (rel) => {
      if (rel.startsWith('Saves/')) hasSaves = true;
    });
    return { ...totals, hasSaves, takenAt: new Date().toISOString() };
  }

  async prepare(paths: ServerPaths, serverId: string): Promise<void> {
    this.tree.mkdir(paths.bin);
    this.tree.mkdir(paths.data);
    if (!this.tree.exists(paths.marker)) this.tree.write(paths.marker, `${serverId}\n`);
  }

  async assertRemovable(paths: ServerPaths, serverId: string): Promise<void> {
    if (!this.tree.exists(paths.root)) return;
    const refusal = purgeRefusal(paths, serverId, await this.inspect(paths, serverId));
    if (refusal) throw refusal;
  }

  async remove(paths: ServerPaths, serverId: string): Promise<boolean> {
    await this.assertRemovable(paths, serverId);
    if (!this.tree.exists(paths.root)) return false;
    this.tree.remove(paths.root);
    return true;
  }
}

interface StoredSnapshot {
  result: SnapshotResult;
  serverId: string;
  serverName: string;
  entries: Map<string, TreeNode>;
}

/** Snapshots as copies of the folder's entries (bin/ excluded), keyed by name and id. */
export class FakeSnapshotArchive implements SnapshotArchive {
  readonly stored = new Map<string, StoredSnapshot>();

  constructor(
    private readonly host: FakeHostData,
    readonly root: string,
  ) {}

  async take({ paths, serverId, serverName, snapshotId, onProgress }: SnapshotRequest) {
    const key = this.key(serverName, snapshotId);
    const existing = this.stored.get(key);
    if (existing) {
      if (existing.serverId !== serverId)
        throw new SnapshotFailedError(
          `snapshot ${snapshotId} belongs to server ${existing.serverId}`,
          {
            reason: 'id-taken',
          },
        );
      return existing.result;
    }
    const tree = this.host.tree;
    if (!tree.isDir(paths.root)) {
      throw new SnapshotFailedError(
        `server folder ${paths.root} does not exist; there is nothing to snapshot`,
        {
          reason: 'folder-missing',
          path: paths.root,
        },
      );
    }
    if (overlaps(this.root, paths.root)) {
      throw new SnapshotFailedError(
        `snapshot root ${this.root} and server folder ${paths.root} overlap`,
        {
          reason: 'overlap',
          snapshotRoot: this.root,
          path: paths.root,
        },
      );
    }
    const entries = new Map(
      [...tree.entries(paths.root)].filter(
        ([rel]) => !excludedTopLevel.includes(rel.split('/')[0]!),
      ),
    );
    const totals = countFiles(entries);
    onProgress?.(totals.totalBytes, totals.totalBytes, 100);
    const result: SnapshotResult = {
      snapshotId,
      path: path.join(this.root, serverName, `${snapshotId}.tar.gz`),
      // What a tar of these entries would take (headers and 512-byte blocks), uncompressed.
      sizeBytes: 1024 + [...entries.values()].reduce((n, e) => n + 512 + blocks(e), 0),
      ...totals,
      verified: true,
      createdAt: new Date().toISOString(),
    };
    this.stored.set(key, { result, serverId, serverName, entries });
    return result;
  }

  async restore({
    paths,
    serverId,
    serverName,
    snapshotId,
  }: SnapshotRequest): Promise<RestoreResult> {
    const stored = this.stored.get(this.key(serverName, snapshotId));
    if (!stored) {
      throw new RestoreFailedError(`snapshot ${snapshotId} of ${serverName} is not on this host`, {
        reason: 'not-found',
      });
    }
    if (stored.serverId !== serverId) {
      throw new RestoreFailedError(`snapshot ${snapshotId} belongs to server ${stored.serverId}`, {
        reason: 'not-this-server',
      });
    }
    const tree = this.host.tree;
    const dataPath = path.dirname(paths.root);
    if (!tree.isDir(dataPath)) {
      throw new RestoreFailedError(`data path ${dataPath} does not exist (is its disk mounted?)`, {
        reason: 'data-path-missing',
        path: dataPath,
      });
    }
    const state = await this.host.inspect(paths, serverId);
    if (state.marker === 'mismatch') {
      throw new RestoreFailedError(`${paths.root} belongs to server ${state.markerServerId}`, {
        reason: 'marker-mismatch',
        markerServerId: state.markerServerId,
      });
    }
    const untouched = new Set([...excludedTopLevel, markerFileName]);
    tree.mkdir(paths.root);
    for (const name of tree.children(paths.root))
      if (!untouched.has(name)) tree.remove(path.join(paths.root, name));
    for (const [rel, node] of stored.entries) {
      const target = path.join(paths.root, rel);
      if (node.kind === 'dir') tree.mkdir(target);
      else tree.write(target, node.content);
    }
    if (state.marker === 'absent') tree.write(paths.marker, `${serverId}\n`);
    const now = new Map(
      [...tree.entries(paths.root)].filter(([rel]) => !untouched.has(rel.split('/')[0]!)),
    );
    return { snapshotId, ...countFiles(now), fingerprint: await this.host.fingerprint(paths) };
  }

  async ownerOf(serverName: string, snapshotId: string): Promise<string | null> {
    return this.stored.get(this.key(serverName, snapshotId))?.serverId ?? null;
  }

  async remove(serverName: string, snapshotId: string): Promise<boolean> {
    return this.stored.delete(this.key(serverName, snapshotId));
  }

  async list(serverName?: string): Promise<SnapshotOnDisk[]> {
    if (serverName !== undefined && !ServerName.safeParse(serverName).success) return [];
    return [...this.stored.values()]
      .filter((s) => serverName === undefined || s.serverName === serverName)
      .map((s) => ({
        snapshotId: s.result.snapshotId,
        serverName: s.serverName,
        serverId: s.serverId,
        sizeBytes: s.result.sizeBytes,
        fileCount: s.result.fileCount,
        totalBytes: s.result.totalBytes,
        createdAt: s.result.createdAt,
      }));
  }

  private key(serverName: string, snapshotId: string): string {
    assertSnapshotNames(serverName, snapshotId);
    return `${serverName}/${snapshotId}`;
  }
}

/**
 * The disk answers in a later turn of the event loop (libuv), never within the caller's own: a
 * batch of thousands of checks over already-resolved promises would hold the agent's loop until
 * the last one, where the real agent keeps reading requests and flushing its socket in between.
 */
const diskTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function countFiles(entries: Map<string, TreeNode>, onFile?: (rel: string) => void) {
  let fileCount = 0;
  let totalBytes = 0;
  for (const [rel, node] of entries) {
    if (node.kind !== 'file') continue;
    fileCount += 1;
    totalBytes += Buffer.byteLength(node.content);
    onFile?.(rel);
  }
  return { fileCount, totalBytes };
}

const blocks = (node: TreeNode) =>
  node.kind === 'file' ? Math.ceil(Buffer.byteLength(node.content) / 512) * 512 : 0;

const overlaps = (a: string, b: string) =>
  a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
