import type { ContainerInfo, ContainerSpec } from '@contract/agent-protocol';
import type { AgentRecord } from '../db/agents-repo';
import type { ServerRecord } from '../db/servers-repo';
import { containerDetailsFor } from './scripted-agent';

/**
 * One server, its agent and the container spec its stored config builds: the scene the drift rule
 * and its digest are both tested on (drift.test.ts, expected-digest.test.ts), so they agree.
 */
export const driftAgent = {
  serverDataPath: '/srv/zomboid',
  defaultImage: 'test/zomboid',
} as AgentRecord;

export const driftServer = {
  id: 'srv-1',
  name: 'alpha',
  image: null,
  imageTag: 'latest',
  imageId: 'sha256:aaaa',
  imageDigest: null,
  config: { SERVER_NAME: 'alpha', ADMIN_PASSWORD: 'hunter2hunter2' },
  gamePort: 16261,
  udpPort: 16262,
  rconPort: 27015,
  serverDataPath: null,
} as unknown as ServerRecord;

export const driftSpec: ContainerSpec = {
  serverId: driftServer.id,
  serverName: driftServer.name,
  image: 'test/zomboid',
  imageTag: 'latest',
  env: driftServer.config,
  gamePort: 16261,
  udpPort: 16262,
  rconPort: 27015,
  dataPath: '/srv/zomboid',
};

/** The container the agent builds from `driftSpec`, with `change` applied. */
export const driftContainer = (change: Partial<ContainerInfo> = {}): ContainerInfo => ({
  id: 'c1',
  name: 'steam-zomboid-alpha',
  serverId: driftServer.id,
  serverName: driftServer.name,
  state: 'running',
  running: true,
  image: 'test/zomboid:latest',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...containerDetailsFor(driftSpec, 'sha256:aaaa'),
  ...change,
});
