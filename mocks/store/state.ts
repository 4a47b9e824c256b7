import type { Agent } from '@contract/http/agents';
import type { AuditEntry } from '@contract/http/audit';
import type { User } from '@contract/http/auth';
import type { Operation } from '@contract/http/operations';
import type { Server, ServerStatus } from '@contract/http/servers';
import type { Fingerprint, Snapshot, SnapshotReason } from '@contract/http/snapshots';

/** A stored server: the contract's Server minus the fields derived at read time. */
export type ServerRecord = Omit<Server, 'agentStatus' | 'activeOperation' | 'effectiveDataPath'> & {
  activeOperationId: string | null;
};

export type StoredUser = Omit<User, 'generatedPassword'> & {
  password: string;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  /** True while the password is the one "generated at first start" (the dashboard's banner). */
  generatedPassword: boolean;
};

/** Where an agent's allowed roots come from (the agent's hello, an admin); `allowedRoots` is their union. */
export interface AgentRoots {
  declared: string[] | null;
  admin: string[];
}

/** What an operation does when it runs, and where it leaves the server when it fails or is cancelled. */
export interface OperationPlan {
  operationId: string;
  serverId: string;
  /** `routine`: the recreate routine; `create`: first create; others: one container command. */
  effect:
    | 'routine'
    | 'create'
    | 'start'
    | 'stop'
    | 'restart'
    | 'replace'
    | 'delete'
    | 'purge'
    | 'snapshot'
    | 'rollback';
  revertStatus: ServerStatus;
  /** The status before the operation: a step refused before the container was touched goes back to it. */
  statusBefore?: ServerStatus;
  /** A restore that fails leaves the server deleted again, with this deletedAt. */
  revertDeletedAt: string | null;
  allowFreshStart: boolean;
  removeData: boolean;
  /** Set by the recreate routine's data check: true when it found no data and starts a fresh world. */
  fresh?: boolean;
  allowDataDivergence?: boolean;
  removeSnapshots?: boolean;
  /** The snapshot this operation takes (automatic ones before the step they guard). */
  snapshot?: { id: string; reason: SnapshotReason };
  /** Rollback: the snapshot restored, and whether the server ran before. */
  rollbackTo?: string;
  wasRunning?: boolean;
  /** One of a recover's recreates: at most `concurrency` of its `batch` run at once. */
  turn?: { batch: string; concurrency: number; started: boolean };
}

/** Everything the mock manager knows; plain JSON so the browser can keep it in sessionStorage. */
export interface MockState {
  users: StoredUser[];
  sessionUserId: string | null;
  agents: Agent[];
  /** Per agent id: the roots behind its `allowedRoots`. */
  agentRoots: Record<string, AgentRoots>;
  servers: ServerRecord[];
  operations: Operation[];
  plans: OperationPlan[];
  audit: AuditEntry[];
  snapshots: Snapshot[];
  /**
   * What each server's `data/` measures on the host (absent key: derived from `dataExists`), and
   * what each snapshot holds (a rollback brings that world back).
   */
  worlds: Record<string, Fingerprint | null>;
  snapshotWorlds: Record<string, Fingerprint | null>;
  /** Servers whose image or tag changed since their container was made (next create snapshots first). */
  imageChanges: Record<string, true>;
  /** What the registry serves under each `image:tag` (a rebuild's preview asks it). */
  registry: Record<string, { imageId: string; digest: string }>;
  /** The registry refuses connections: previews cannot compare, pulls find nothing new. */
  registryDown: boolean;
  /** Counter for generated ids, so they stay unique across a reload. */
  nextId: number;
}
