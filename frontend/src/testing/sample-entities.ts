import type { Agent } from '@contract/http/agents';
import type { Operation } from '@contract/http/operations';
import type { Server } from '@contract/http/servers';

const now = '2026-11-27T20:00:00.000Z';

/** A valid contract Server for unit tests that do not need the mock store. */
export function sampleServer(overrides: Partial<Server> = {}): Server {
  return {
    id: 'srv-1',
    agentId: 'agent-1',
    name: 'alpha',
    status: 'running',
    containerId: 'abc',
    imageId: null,
    imageDigest: null,
    healthyFingerprint: null,
    snapshotRetention: 5,
    drift: [],
    image: null,
    imageTag: 'latest',
    config: {},
    gamePort: 16261,
    udpPort: 16262,
    rconPort: 27015,
    serverDataPath: null,
    effectiveDataPath: '/srv/zedops',
    dataExists: true,
    dataCheckedAt: now,
    autoRecreate: false,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
    agentStatus: 'online',
    activeOperation: null,
    ...overrides,
  };
}

/** A valid contract Operation. */
export function sampleOperation(overrides: Partial<Operation> = {}): Operation {
  return {
    id: 'op-1',
    serverId: 'srv-1',
    kind: 'restart',
    state: 'running',
    requestedBy: 'admin@example.com',
    createdAt: now,
    startedAt: now,
    finishedAt: null,
    ...overrides,
  };
}

/** A valid contract Agent. */
export function sampleAgent(overrides: Partial<Agent> = {}): Agent {
  return {
    id: 'agent-1',
    name: 'host-1',
    status: 'online',
    lastSeenAt: now,
    serverDataPath: '/srv/zedops',
    allowedRoots: ['/srv/zedops'],
    defaultImage: null,
    statusReason: null,
    ...overrides,
  };
}
