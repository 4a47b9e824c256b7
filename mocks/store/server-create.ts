import { defaultSnapshotRetention } from '@contract/http/snapshots';
import type {
  CreateServerRequest,
  ServerActionResponse,
  UpdateServerRequest,
  Server,
} from '@contract/http/servers';
import { acceptOperation } from './accept-operation';
import { assertServerFolderFree } from './check-server-folder';
import type { StoreCore } from './core';
import {
  InvalidStateError,
  NameTakenError,
  NotFoundError,
  PortConflictError,
  ValidationFailedError,
} from './errors';
import type { ServerRecord } from './state';

const defaultPorts = { gamePort: 16261, udpPort: 16262, rconPort: 27015 };
type Ports = typeof defaultPorts;

function usedPorts(core: StoreCore, agentId: string): Set<number> {
  // Deleted servers keep their ports: they are restorable until purged.
  const used = new Set<number>();
  for (const s of core.state.servers.filter((x) => x.agentId === agentId)) {
    used.add(s.gamePort).add(s.udpPort).add(s.rconPort);
  }
  return used;
}

/** Requested ports, or the defaults moved up by 10 until none of them is taken on this agent. */
function choosePorts(core: StoreCore, agentId: string, req: CreateServerRequest): Ports {
  const used = usedPorts(core, agentId);
  const requested = { gamePort: req.gamePort, udpPort: req.udpPort, rconPort: req.rconPort };
  const ports = { ...defaultPorts };
  for (let shift = 0; shift < 20_000; shift += 10) {
    const candidate = {
      gamePort: requested.gamePort ?? defaultPorts.gamePort + shift,
      udpPort: requested.udpPort ?? defaultPorts.udpPort + shift,
      rconPort: requested.rconPort ?? defaultPorts.rconPort + shift,
    };
    const values = Object.values(candidate);
    const autoPicked = (Object.keys(candidate) as (keyof Ports)[]).filter(
      (k) => requested[k] === undefined,
    );
    if (
      autoPicked.every(
        (k) => !used.has(candidate[k]) && values.filter((v) => v === candidate[k]).length === 1,
      )
    ) {
      Object.assign(ports, candidate);
      break;
    }
  }
  const values = Object.values(ports);
  if (new Set(values).size !== values.length) {
    throw new ValidationFailedError('gamePort, udpPort and rconPort must all differ', { ports });
  }
  for (const [field, port] of Object.entries(ports)) {
    if (used.has(port))
      throw new PortConflictError(`Port ${port} is already used by another server on this agent`, {
        field,
        port,
      });
  }
  return ports;
}

/** POST /api/agents/:agentId/servers → 202: status `creating` until the create operation succeeds. */
export function createServer(
  core: StoreCore,
  agentId: string,
  req: CreateServerRequest,
  actor: string,
): ServerActionResponse {
  const agent = core.agent(agentId);
  if (core.state.servers.some((s) => s.agentId === agentId && s.name === req.name)) {
    throw new NameTakenError(`A server named ${req.name} already exists on ${agent.name}`, {
      name: req.name,
    });
  }
  assertServerFolderFree(core, agent, {
    name: req.name,
    dataPath: req.serverDataPath ?? agent.serverDataPath,
  });
  const ports = choosePorts(core, agentId, req);
  if (agent.status !== 'online')
    throw new InvalidStateError(`Agent offline — ${agent.name} must be online to create a server`);
  const now = core.now();
  const record: ServerRecord = {
    id: core.newId('srv'),
    agentId,
    name: req.name,
    status: 'creating',
    containerId: null,
    image: req.image ?? null,
    imageTag: req.imageTag,
    imageId: null,
    imageDigest: null,
    healthyFingerprint: null,
    snapshotRetention: defaultSnapshotRetention,
    drift: [],
    config: req.config ?? {},
    ...ports,
    serverDataPath: req.serverDataPath ?? null,
    dataExists: null,
    dataCheckedAt: null,
    autoRecreate: req.autoRecreate ?? false,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
    activeOperationId: null,
  };
  core.state.servers.push(record);
  return acceptOperation(
    core,
    record,
    'create',
    { effect: 'create', revertStatus: 'failed' },
    actor,
  );
}

/** PATCH …/servers/:serverId — settings used by the next (re)create, so allowed even mid-operation. */
export function updateServer(
  core: StoreCore,
  target: { agentId: string; serverId: string; actor: string },
  req: UpdateServerRequest,
): Server {
  core.agent(target.agentId);
  const server = core.record(target.serverId);
  if (server.agentId !== target.agentId)
    throw new NotFoundError(`Server ${target.serverId} not found on agent ${target.agentId}`);
  // A new image or tag takes effect at the next create or replace, which snapshots first.
  const imageChanged =
    (req.image !== undefined && req.image !== server.image) ||
    (req.imageTag !== undefined && req.imageTag !== server.imageTag);
  if (imageChanged) {
    core.state.imageChanges[server.id] = true;
    server.imageId = null;
    server.imageDigest = null;
  }
  if (req.snapshotRetention !== undefined) server.snapshotRetention = req.snapshotRetention;
  if (req.autoRecreate !== undefined) server.autoRecreate = req.autoRecreate;
  if (req.image !== undefined) server.image = req.image;
  if (req.imageTag !== undefined) server.imageTag = req.imageTag;
  if (req.config !== undefined) server.config = req.config;
  core.audit({
    action: 'server.updated',
    outcome: 'succeeded',
    actor: target.actor,
    server,
    details: { ...req },
  });
  core.emitServer(server);
  return core.view(server);
}
