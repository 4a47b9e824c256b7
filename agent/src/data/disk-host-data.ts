import { takeFingerprint } from './fingerprint';
import type { HostData, SnapshotArchive, SnapshotRequest } from './host-data';
import { inspectData } from './inspect-data';
import { prepareDataDirs } from './prepare-data-dirs';
import { assertDataRemovable, removeServerData } from './remove-data';
import { restoreSnapshot } from './restore-snapshot';
import type { ServerPaths } from './server-paths';
import type { SnapshotStore } from './snapshot-store';
import { takeSnapshot } from './take-snapshot';

/** HostData on the real filesystem: each call is one of the data/ modules. */
export class DiskHostData implements HostData {
  readonly snapshots: SnapshotArchive | null;

  constructor(store: SnapshotStore | null) {
    this.snapshots = store ? new DiskSnapshotArchive(store) : null;
  }

  inspect(paths: ServerPaths, serverId: string) {
    return inspectData(paths, serverId);
  }

  fingerprint(paths: ServerPaths) {
    return takeFingerprint(paths.data);
  }

  prepare(paths: ServerPaths, serverId: string) {
    return prepareDataDirs(paths, serverId);
  }

  assertRemovable(paths: ServerPaths, serverId: string) {
    return assertDataRemovable(paths, serverId);
  }

  remove(paths: ServerPaths, serverId: string) {
    return removeServerData(paths, serverId);
  }
}

// Every method is async so a refused name rejects rather than throws, like the fake.
class DiskSnapshotArchive implements SnapshotArchive {
  constructor(private readonly store: SnapshotStore) {}

  take(request: SnapshotRequest) {
    return takeSnapshot({ store: this.store, ...request });
  }

  restore(request: SnapshotRequest) {
    return restoreSnapshot({ store: this.store, ...request });
  }

  async ownerOf(serverName: string, snapshotId: string) {
    const manifest = await this.store.readManifest(this.store.files(serverName, snapshotId));
    return manifest?.serverId ?? null;
  }

  async remove(serverName: string, snapshotId: string) {
    return this.store.remove(this.store.files(serverName, snapshotId));
  }

  async list(serverName?: string) {
    return this.store.list(serverName);
  }
}
