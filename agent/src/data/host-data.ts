import type { RestoreResult, SnapshotOnDisk, SnapshotResult } from '@contract/agent-protocol';
import type { Fingerprint } from '@contract/http/snapshots';
import type { DataState } from './inspect-data';
import type { ServerPaths } from './server-paths';

/** One snapshot to take or restore; names are validated by the implementation. */
export interface SnapshotRequest {
  paths: ServerPaths;
  serverId: string;
  serverName: string;
  snapshotId: string;
  /** Bytes done of the (estimated) total. */
  onProgress?: (current: number, total: number, percent: number) => void;
}

/**
 * The snapshot archives of this host. Every method refuses a server name or snapshot id that is
 * not a valid path component with INVALID_REQUEST; take and restore fail with SNAPSHOT_FAILED /
 * RESTORE_FAILED and leave the server folder as it was.
 */
export interface SnapshotArchive {
  /** Archive the server folder (bin/ excluded) and verify it; a retried id is answered from disk. */
  take(request: SnapshotRequest): Promise<SnapshotResult>;
  /** Put a snapshot back, keeping bin/ and the marker (written when absent). */
  restore(request: SnapshotRequest): Promise<RestoreResult>;
  /** The server id the snapshot's manifest names, or null when there is no (readable) manifest. */
  ownerOf(serverName: string, snapshotId: string): Promise<string | null>;
  /** Remove the archive and its manifest; true when there was an archive. */
  remove(serverName: string, snapshotId: string): Promise<boolean>;
  /** Archives on disk, of one server name or of all. */
  list(serverName?: string): Promise<SnapshotOnDisk[]>;
}

/**
 * The server folders of this host as the agent's domain needs them, beside ContainerRuntime:
 * the domain never touches the filesystem itself. DiskHostData is the real one; tests use an
 * in-memory fake held to the same contract (agent/src/testing/host-data-contract.ts).
 */
export interface HostData {
  /** Reads (never writes) what is on disk for one server. */
  inspect(paths: ServerPaths, serverId: string): Promise<DataState>;
  /** Fingerprint of `data/`; null when it does not exist. */
  fingerprint(paths: ServerPaths): Promise<Fingerprint | null>;
  /** mkdir -p bin/ and data/ and write the marker when there is none; nothing existing changes. */
  prepare(paths: ServerPaths, serverId: string): Promise<void>;
  /** PURGE_REFUSED unless the folder is absent or its marker names `serverId`; changes nothing. */
  assertRemovable(paths: ServerPaths, serverId: string): Promise<void>;
  /** Deletes the server folder after the same check; false when there was nothing. */
  remove(paths: ServerPaths, serverId: string): Promise<boolean>;
  /** Null when this agent has no snapshot root. */
  readonly snapshots: SnapshotArchive | null;
}
