import type { Agent } from '@contract/http/agents';
import type { AuditEntry } from '@contract/http/audit';
import type { Operation, OperationKind } from '@contract/http/operations';
import type { OperationError } from '@contract/errors';
import { defaultSnapshotRetention, type Snapshot } from '@contract/http/snapshots';
import { auditActionForKind as auditActionFor } from '@contract/http/audit';
import type { MockState, ServerRecord, StoredUser } from './store/state';

type FixtureUser = Pick<StoredUser, 'id' | 'email' | 'password' | 'role'>;

/** Sign-in credentials for each role. */
export const fixtureUsers = {
  admin: {
    id: 'user-admin',
    email: 'admin@zedops.local',
    password: 'admin-password',
    role: 'admin',
  },
  operator: {
    id: 'user-operator',
    email: 'operator@zedops.local',
    password: 'operator-password',
    role: 'operator',
  },
  viewer: {
    id: 'user-viewer',
    email: 'viewer@zedops.local',
    password: 'viewer-password',
    role: 'viewer',
  },
} as const satisfies Record<string, FixtureUser>;

/** Ids of the fixture agents and servers; each server id names the situation it covers. */
export const fixtureIds = {
  agents: { local: 'agent-local', remote: 'agent-remote' },
  servers: {
    running: 'srv-running',
    stopped: 'srv-stopped',
    missing: 'srv-missing',
    missingNoData: 'srv-missing-nodata',
    deleted: 'srv-deleted',
    deletedNoData: 'srv-deleted-nodata',
    failed: 'srv-failed',
    remoteRunning: 'srv-remote-running',
    remoteMissing: 'srv-remote-missing',
    remoteDeleted: 'srv-remote-deleted',
  },
} as const;

export const defaultImage = 'registry.local/zedops/zomboid';

/** What a fixture world measures: a few thousand files, most of them under Saves/. */
export const fixtureWorld = { fileCount: 1843, totalBytes: 734_003_200, hasSaves: true } as const;

const minutes = (n: number) => n * 60_000;

const sha = (pair: string) => `sha256:${pair.repeat(32)}`;
/**
 * The registry's images, and what alpha and bravo last ran: alpha's tag has moved since (its
 * rebuild changes the game image), bravo's has not.
 */
export const fixtureImages = {
  latest: { imageId: sha('1a'), digest: sha('a1') },
  alphaPinned: { imageId: sha('2b'), digest: sha('b2') },
  build41: { imageId: sha('3c'), digest: sha('c3') },
  modded: { imageId: sha('4d'), digest: sha('d4') },
} as const;

/** Builds a fresh copy of the fixture world, with timestamps relative to `now`. */
export function buildFixtureState(now: Date = new Date()): MockState {
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const { agents: a, servers: s } = fixtureIds;

  const agents: Agent[] = [
    {
      id: a.local,
      name: 'local-host',
      status: 'online',
      lastSeenAt: ago(5_000),
      serverDataPath: '/srv/zedops',
      // delta lives under /mnt/games/zomboid: the host owner allowed that disk too.
      allowedRoots: ['/srv/zedops', '/mnt/games/zomboid'],
      defaultImage,
      statusReason: null,
    },
    {
      id: a.remote,
      name: 'remote-host',
      status: 'offline',
      lastSeenAt: ago(minutes(120)),
      serverDataPath: '/data/zomboid',
      allowedRoots: ['/data/zomboid'],
      defaultImage,
      statusReason: 'Agent connection lost',
    },
  ];

  // Ports are unique per agent: each agent's servers take 16261/16262/27015, then +10, +20, …
  const slots = new Map<string, number>();
  const server = (
    id: string,
    agentId: string,
    name: string,
    fields: Partial<ServerRecord> & Pick<ServerRecord, 'status' | 'dataExists'>,
  ): ServerRecord => {
    const base = slots.get(agentId) ?? 0;
    slots.set(agentId, base + 1);
    return {
      id,
      agentId,
      name,
      containerId: null,
      image: null,
      imageTag: 'latest',
      imageId: null,
      imageDigest: null,
      healthyFingerprint:
        fields.dataExists === true ? { ...fixtureWorld, takenAt: ago(minutes(3)) } : null,
      snapshotRetention: defaultSnapshotRetention,
      drift: [],
      config: {
        SERVER_NAME: name,
        SERVER_PUBLIC_NAME: `${name[0]?.toUpperCase()}${name.slice(1)} — Knox County`,
        MAX_PLAYERS: '16',
        // Masked for viewers (contract/secrets.ts).
        RCON_PASSWORD: `${name}-rcon-secret`,
      },
      gamePort: 16261 + base * 10,
      udpPort: 16262 + base * 10,
      rconPort: 27015 + base * 10,
      serverDataPath: null,
      dataCheckedAt: ago(minutes(3)),
      autoRecreate: false,
      deletedAt: null,
      createdAt: ago(minutes(60 * 24 * 30)),
      updatedAt: ago(minutes(10)),
      activeOperationId: null,
      ...fields,
    };
  };

  const localServers: ServerRecord[] = [
    server(s.running, a.local, 'alpha', {
      status: 'running',
      dataExists: true,
      containerId: 'c0a1f3e2b4d5',
      imageTag: '41.78.16',
      imageId: fixtureImages.alphaPinned.imageId,
      imageDigest: fixtureImages.alphaPinned.digest,
    }),
    server(s.stopped, a.local, 'bravo', {
      status: 'stopped',
      dataExists: true,
      containerId: 'c0b2e4d6f8a0',
      autoRecreate: true,
      imageId: fixtureImages.latest.imageId,
      imageDigest: fixtureImages.latest.digest,
    }),
    server(s.missing, a.local, 'charlie', {
      status: 'missing',
      dataExists: true,
      image: 'registry.local/zedops/zomboid-modded',
      imageTag: 'build42',
    }),
    server(s.missingNoData, a.local, 'delta', {
      status: 'missing',
      dataExists: false,
      serverDataPath: '/mnt/games/zomboid',
    }),
    server(s.deleted, a.local, 'echo', {
      status: 'deleted',
      dataExists: true,
      deletedAt: ago(minutes(60 * 26)),
    }),
    server(s.deletedNoData, a.local, 'foxtrot', {
      status: 'deleted',
      dataExists: false,
      deletedAt: ago(minutes(60 * 50)),
    }),
    server(s.failed, a.local, 'golf', { status: 'failed', dataExists: true, imageTag: '41.78.16' }),
  ];
  const remoteServers: ServerRecord[] = [
    server(s.remoteRunning, a.remote, 'india', {
      status: 'running',
      dataExists: true,
      containerId: 'c1d1e1a1b1c1',
      dataCheckedAt: ago(minutes(125)),
    }),
    server(s.remoteMissing, a.remote, 'juliet', {
      status: 'missing',
      dataExists: true,
      dataCheckedAt: ago(minutes(130)),
    }),
    server(s.remoteDeleted, a.remote, 'kilo', {
      status: 'deleted',
      dataExists: true,
      deletedAt: ago(minutes(60 * 72)),
      dataCheckedAt: ago(minutes(125)),
    }),
  ];

  const operations: Operation[] = [];
  const audit: AuditEntry[] = [];
  const past = (
    srv: ServerRecord,
    kind: OperationKind,
    minutesAgo: number,
    by: string,
    error?: OperationError,
  ) => {
    const id = `op-${srv.id}-${operations.length + 1}`;
    const finishedAt = ago(minutes(minutesAgo));
    operations.push({
      id,
      serverId: srv.id,
      kind,
      state: error ? 'failed' : 'succeeded',
      requestedBy: by,
      createdAt: ago(minutes(minutesAgo) + 40_000),
      startedAt: ago(minutes(minutesAgo) + 35_000),
      finishedAt,
      ...(error ? { error } : {}),
    });
    audit.push({
      id: `audit-${audit.length + 1}`,
      at: finishedAt,
      actor: by,
      action: auditActionFor[kind],
      outcome: error ? 'failed' : 'succeeded',
      serverId: srv.id,
      agentId: srv.agentId,
      operationId: id,
      details: kind === 'recreate' ? { fresh: false, ...(error ? { error: error.code } : {}) } : {},
    });
  };

  const admin = fixtureUsers.admin.email;
  const operator = fixtureUsers.operator.email;
  for (const srv of [...localServers, ...remoteServers]) past(srv, 'create', 60 * 24 * 30, admin);
  const byId = (id: string) => [...localServers, ...remoteServers].find((x) => x.id === id)!;
  past(byId(s.running), 'restart', 60 * 5, operator);
  past(byId(s.stopped), 'stop', 60 * 3, operator);
  past(byId(s.missing), 'restart', 60 * 30, operator);
  past(byId(s.deleted), 'delete', 60 * 26, admin);
  past(byId(s.deletedNoData), 'delete', 60 * 50, admin);
  past(byId(s.failed), 'recreate', 20, operator, {
    code: 'IMAGE_PULL_FAILED',
    message: `Pulling ${defaultImage}:41.78.16 failed: registry.local:443 connection refused`,
  });
  past(byId(s.remoteDeleted), 'delete', 60 * 72, admin);
  audit.sort((x, y) => x.at.localeCompare(y.at));

  const users: StoredUser[] = Object.values(fixtureUsers).map((u, i) => ({
    ...u,
    disabled: false,
    createdAt: ago(minutes(60 * 24 * 40 - i)),
    lastLoginAt: ago(minutes(60 * (i + 1))),
    generatedPassword: false,
  }));
  const snapshot = (
    id: string,
    srv: ServerRecord,
    reason: Snapshot['reason'],
    minutesAgo: number,
    by: string,
  ): Snapshot => ({
    id,
    serverId: srv.id,
    reason,
    status: 'ready',
    verified: true,
    sizeBytes: 291_504_128,
    fileCount: fixtureWorld.fileCount + 1,
    createdAt: ago(minutes(minutesAgo)),
    requestedBy: by,
    operationId: null,
  });
  const snapshots: Snapshot[] = [
    snapshot('5f0c1a52-3d1e-4c55-9a43-0d3c1f0a0001', byId(s.running), 'manual', 60 * 48, admin),
    snapshot(
      '5f0c1a52-3d1e-4c55-9a43-0d3c1f0a0002',
      byId(s.running),
      'before-rebuild',
      60 * 6,
      operator,
    ),
    snapshot('5f0c1a52-3d1e-4c55-9a43-0d3c1f0a0003', byId(s.missing), 'manual', 60 * 31, operator),
  ];

  return {
    users,
    sessionUserId: null,
    agents,
    agentRoots: {
      [a.local]: { declared: ['/srv/zedops', '/mnt/games/zomboid'], admin: [] },
      [a.remote]: { declared: ['/data/zomboid'], admin: [] },
    },
    servers: [...localServers, ...remoteServers],
    operations,
    plans: [],
    audit,
    snapshots,
    worlds: {},
    snapshotWorlds: Object.fromEntries(
      snapshots.map((x) => [x.id, { ...fixtureWorld, takenAt: x.createdAt }]),
    ),
    imageChanges: {},
    registry: {
      [`${defaultImage}:latest`]: { ...fixtureImages.latest },
      [`${defaultImage}:41.78.16`]: { ...fixtureImages.build41 },
      'registry.local/zedops/zomboid-modded:build42': { ...fixtureImages.modded },
    },
    registryDown: false,
    nextId: 1,
  };
}
