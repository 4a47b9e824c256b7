import { createHash, randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import {
  agentProtocolVersion,
  agentSocketPath,
  ListPart,
  ListResult,
  ManagerToAgentFrame,
  type AgentCommand,
  type AgentCommandName,
  type ContainerInfo,
  type ContainerSpec,
  type DockerHealth,
  type RequestFrame,
} from '@contract/agent-protocol';
import {
  containerEnv,
  containerMounts,
  containerNameFor,
  publishedUdpPorts,
} from '@contract/container-shape';
import { splitListResult } from '@contract/list-parts';
import type { OperationError } from '@contract/errors';
import type { Fingerprint } from '@contract/http/snapshots';

/** What a fake world measures unless a test says otherwise. */
export const defaultWorld = { fileCount: 40, totalBytes: 400_000, hasSaves: true } as const;

/** In-memory Docker host: containers (by id) and data folders (`{dataPath}/{name}` with a non-empty data/). */
export class FakeHost {
  readonly containers = new Map<string, ContainerInfo>();
  readonly dataDirs = new Set<string>();
  /** `.zedops-server-id` per folder: written by a create when absent, checked by a purge. */
  readonly markers = new Map<string, string>();
  /** What each folder's data/ measures (absent: a small default world when the folder has data). */
  readonly worlds = new Map<string, Fingerprint>();
  /** Snapshot archives by id: the folder they came from and the world they hold. */
  readonly snapshots = new Map<string, { dir: string; serverId: string; world: Fingerprint }>();

  /** The fingerprint a data check reports for a folder, or null when it holds no data. */
  worldOf(dir: string): Fingerprint | null {
    if (!this.dataDirs.has(dir)) return null;
    return this.worlds.get(dir) ?? { ...defaultWorld, takenAt: new Date().toISOString() };
  }

  /** What each `image:tag` points to now (tests may move a tag), and every image id on the host. */
  readonly images = new Map<string, string>();
  readonly localImages = new Set<string>();
  /** Each image's default environment, by image id (none set: an image without ENV). */
  readonly imageEnv = new Map<string, Record<string, string>>();

  /** The image a create uses: the pinned id if the host has it (else IMAGE_UNAVAILABLE), or the tag's. */
  resolveImage(spec: ContainerSpec): { imageId: string; imageDigest: string | null } {
    const ref = `${spec.image}:${spec.imageTag}`;
    if (!spec.pin) {
      const imageId =
        this.images.get(ref) ?? `sha256:${createHash('sha256').update(ref).digest('hex')}`;
      this.images.set(ref, imageId);
      this.localImages.add(imageId);
      return { imageId, imageDigest: null };
    }
    if (this.localImages.has(spec.pin.imageId)) return spec.pin;
    throw {
      code: 'IMAGE_UNAVAILABLE',
      message: `no image ${spec.pin.imageId}`,
    } satisfies OperationError;
  }

  /** Containers carrying this server-id label. */
  containersOf(serverId: string): ContainerInfo[] {
    return [...this.containers.values()].filter((c) => c.serverId === serverId);
  }

  /**
   * Add a container as Docker would report it. Without `details` it looks like an agent older
   * than drift reports it (no image id, ports, mounts or env), so it never shows drift.
   */
  addContainer(spec: {
    serverId: string;
    serverName: string;
    image?: string;
    running?: boolean;
    name?: string;
    details?: Pick<ContainerInfo, 'imageId' | 'ports' | 'mounts' | 'env'>;
  }): ContainerInfo {
    const c: ContainerInfo = {
      id: randomBytes(32).toString('hex'),
      name: spec.name ?? containerNameFor(spec.serverName),
      serverId: spec.serverId,
      serverName: spec.serverName,
      state: spec.running === false ? 'exited' : 'running',
      running: spec.running !== false,
      image: spec.image ?? 'test/image:latest',
      createdAt: new Date().toISOString(),
      ...spec.details,
    };
    this.containers.set(c.id, c);
    return c;
  }

  /** A container exactly as the real agent would build it from `spec`, running `imageId`. */
  addContainerFromSpec(spec: ContainerSpec, imageId: string, imageRef?: string): ContainerInfo {
    return this.addContainer({
      serverId: spec.serverId,
      serverName: spec.serverName,
      image: imageRef ?? `${spec.image}:${spec.imageTag}`,
      details: containerDetailsFor(spec, imageId),
    });
  }

  /** Change a container behind the manager's back (a hand-made container, `docker run -p …`). */
  alterContainer(containerId: string, change: Partial<ContainerInfo>): ContainerInfo {
    const c = { ...this.containers.get(containerId)!, ...change };
    this.containers.set(containerId, c);
    return c;
  }

  /** The `container.list` reply: every container (or one server's), and their images' default env. */
  list(serverId?: string): {
    containers: ContainerInfo[];
    imageEnv: Record<string, Record<string, string>>;
  } {
    const containers = serverId ? this.containersOf(serverId) : [...this.containers.values()];
    const imageEnv: Record<string, Record<string, string>> = {};
    for (const c of containers)
      if (c.imageId) imageEnv[c.imageId] = this.imageEnv.get(c.imageId) ?? {};
    return { containers, imageEnv };
  }
}

/** Ports, mounts and env of the container the agent builds from `spec` (docs/design.md §5). */
export function containerDetailsFor(
  spec: ContainerSpec,
  imageId: string,
): Pick<ContainerInfo, 'imageId' | 'ports' | 'mounts' | 'env'> {
  return {
    imageId,
    ports: publishedUdpPorts(spec).map((port) => ({
      containerPort: port,
      protocol: 'udp',
      hostIp: '',
      hostPort: port,
    })),
    mounts: containerMounts(spec.dataPath, spec.serverName).map((m) => ({
      type: 'bind',
      source: m.hostPath,
      destination: m.containerPath,
    })),
    env: containerEnv(spec),
  };
}

export interface ScriptedAgentOptions {
  /** Delay (ms) before replying to a command. */
  delays?: Partial<Record<AgentCommandName, number>>;
  /** Reply with this error instead of doing the command. */
  failures?: Partial<Record<AgentCommandName, OperationError>>;
  docker?: DockerHealth;
  defaultDataPath?: string | null;
  /** Sent as the hello's `allowedRoots` when set (an agent older than that field sends none). */
  allowedRoots?: string[];
  host?: FakeHost;
  /** Answer `container.list` in one reply even when asked for parts (an agent older than parts). */
  ignoresListParts?: boolean;
}

/**
 * A protocol-level agent over a real WebSocket: answers the manager's commands from a FakeHost,
 * records every request, and can be told to delay, fail, hold or push container events.
 */
export class ScriptedAgent {
  readonly received: RequestFrame[] = [];
  readonly host: FakeHost;
  readonly delays: Partial<Record<AgentCommandName, number>>;
  readonly failures: Partial<Record<AgentCommandName, OperationError>>;
  readonly ignoresListParts: boolean;
  credential: string | undefined;
  agentId: string | undefined;
  closeCode: number | undefined;
  /** Commands of each name received and not yet answered, and the most there ever were at once. */
  readonly inFlight: Partial<Record<AgentCommandName, number>> = {};
  readonly maxInFlight: Partial<Record<AgentCommandName, number>> = {};
  private held: { name: AgentCommandName; release: (() => void)[] } | undefined;

  private constructor(
    private readonly ws: WebSocket,
    options: ScriptedAgentOptions,
  ) {
    this.host = options.host ?? new FakeHost();
    this.delays = options.delays ?? {};
    this.failures = options.failures ?? {};
    this.ignoresListParts = options.ignoresListParts ?? false;
  }

  /** Connect, send hello, and resolve once `welcome` arrives (rejects on `rejected` or close). */
  static connect(
    managerUrl: string,
    token: string,
    options: ScriptedAgentOptions = {},
  ): Promise<ScriptedAgent> {
    const ws = new WebSocket(managerUrl.replace(/^http/, 'ws') + agentSocketPath);
    const agent = new ScriptedAgent(ws, options);
    return new Promise((resolve, reject) => {
      ws.on('open', () =>
        ws.send(
          JSON.stringify({
            type: 'hello',
            token,
            protocolVersion: agentProtocolVersion,
            agentVersion: 'scripted',
            hostname: 'scripted-host',
            defaultDataPath: options.defaultDataPath ?? null,
            ...(options.allowedRoots ? { allowedRoots: options.allowedRoots } : {}),
            docker: options.docker ?? { available: true, version: 'fake' },
          }),
        ),
      );
      ws.on('message', (data: WebSocket.RawData) => {
        const frame = ManagerToAgentFrame.parse(JSON.parse(data.toString()));
        if (frame.type === 'welcome') {
          agent.agentId = frame.agentId;
          agent.credential = frame.credential;
          resolve(agent);
        } else if (frame.type === 'rejected') reject(new Error(`rejected: ${frame.code}`));
        else void agent.answer(frame);
      });
      ws.on('close', (code) => {
        agent.closeCode = code;
        reject(new Error(`closed ${code}`));
      });
      ws.on('error', reject);
    });
  }

  /** Commands received with this name. */
  commands<N extends AgentCommandName>(name: N): Extract<AgentCommand, { name: N }>[] {
    return this.received
      .map((r) => r.command)
      .filter((c): c is Extract<AgentCommand, { name: N }> => c.name === name);
  }

  /** Hold replies to this command until `release()` (to observe an operation mid-flight). */
  hold(name: AgentCommandName): void {
    this.held = { name, release: [] };
  }

  /** Let held replies go. */
  release(): void {
    const held = this.held;
    this.held = undefined;
    held?.release.forEach((r) => r());
  }

  /** Remove a server's containers behind the manager's back and push `destroy` events. */
  destroyContainers(serverId: string): void {
    for (const c of this.host.containersOf(serverId)) {
      this.host.containers.delete(c.id);
      this.pushEvent('destroy', c);
    }
  }

  /** Push a container event frame. */
  pushEvent(
    action: 'create' | 'start' | 'stop' | 'die' | 'destroy',
    c: Pick<ContainerInfo, 'id' | 'serverId' | 'serverName'>,
  ): void {
    this.send({
      type: 'container.event',
      action,
      containerId: c.id,
      serverId: c.serverId,
      serverName: c.serverName,
      at: new Date().toISOString(),
    });
  }

  /** Send any frame (tests may send junk on purpose). */
  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Close the socket (an agent going away) and wait for the close to complete. */
  async disconnect(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }

  private async answer(frame: Extract<ManagerToAgentFrame, { type: 'request' }>): Promise<void> {
    this.received.push(frame);
    const name = frame.command.name;
    const now = (this.inFlight[name] ?? 0) + 1;
    this.inFlight[name] = now;
    this.maxInFlight[name] = Math.max(this.maxInFlight[name] ?? 0, now);
    try {
      await this.reply(frame);
    } finally {
      this.inFlight[name] = (this.inFlight[name] ?? 1) - 1;
    }
  }

  private async reply(frame: Extract<ManagerToAgentFrame, { type: 'request' }>): Promise<void> {
    const name = frame.command.name;
    const delay = this.delays[name];
    if (delay) await new Promise((r) => setTimeout(r, delay));
    if (this.held?.name === name) await new Promise<void>((r) => this.held!.release.push(r));
    const failure = this.failures[name];
    if (failure) return this.send({ type: 'reply', id: frame.id, ok: false, error: failure });
    try {
      const result = this.execute(frame.command, frame.id);
      const command = frame.command;
      if (command.name === 'container.list' && command.partSize && !this.ignoresListParts) {
        // Like the real agent: the listing checked against the contract, then cut as asked.
        const { parts, reply } = splitListResult(ListResult.parse(result), command.partSize);
        for (const part of parts)
          this.send({ type: 'reply.part', id: frame.id, result: ListPart.parse(part) });
        return this.send({ type: 'reply', id: frame.id, ok: true, result: reply });
      }
      this.send({ type: 'reply', id: frame.id, ok: true, result });
    } catch (err) {
      const error = err as OperationError;
      this.send({
        type: 'reply',
        id: frame.id,
        ok: false,
        error: { code: error.code ?? 'INTERNAL', message: error.message ?? 'failed' },
      });
    }
  }

  private execute(command: AgentCommand, requestId: string): unknown {
    const host = this.host;
    const one = (serverId: string) => {
      const c = host.containersOf(serverId)[0];
      if (!c) throw { code: 'NO_CONTAINER', message: 'no container' } satisfies OperationError;
      return c;
    };
    const setRunning = (c: ContainerInfo, running: boolean) => {
      const next = { ...c, running, state: running ? 'running' : 'exited' };
      host.containers.set(c.id, next);
      return { container: next };
    };
    switch (command.name) {
      case 'container.create':
      case 'container.replace': {
        if (command.name === 'container.replace')
          for (const c of host.containersOf(command.spec.serverId)) host.containers.delete(c.id);
        const existing = host.containersOf(command.spec.serverId)[0];
        if (existing)
          return { container: existing, adopted: true, imageSource: 'existing', freshData: false };
        const dir = dataDir(command.spec);
        const hadData = host.dataDirs.has(dir);
        if (command.requireData && !hadData)
          throw {
            code: 'DATA_MISSING',
            message: `no data at ${dir}/data`,
          } satisfies OperationError;
        this.send({ type: 'progress', id: requestId, progress: { phase: 'pulling', percent: 50 } });
        host.dataDirs.add(dir);
        if (!host.markers.has(dir)) host.markers.set(dir, command.spec.serverId);
        const image = host.resolveImage(command.spec);
        // Like the real agent: a pinned create names the image by its id.
        const container = host.addContainerFromSpec(
          command.spec,
          image.imageId,
          command.spec.pin ? image.imageId : undefined,
        );
        return { container, adopted: false, imageSource: 'pulled', freshData: !hadData, image };
      }
      case 'container.start':
        return setRunning(one(command.serverId), true);
      case 'container.stop':
        return setRunning(one(command.serverId), false);
      case 'container.restart':
        return setRunning(one(command.serverId), true);
      case 'container.remove': {
        const dir = `${command.dataPath}/${command.serverName}`;
        const present = host.dataDirs.has(dir) || host.markers.has(dir);
        // Like the real agent: a folder goes only when its marker names this server.
        if (command.removeData && present && host.markers.get(dir) !== command.serverId)
          throw {
            code: 'PURGE_REFUSED',
            message: `refusing to remove ${dir}: its marker does not name ${command.serverId}; nothing was removed`,
          } satisfies OperationError;
        const removed = host.containersOf(command.serverId).map((c) => c.id);
        removed.forEach((id) => host.containers.delete(id));
        if (command.removeData) {
          host.dataDirs.delete(dir);
          host.markers.delete(dir);
        }
        return { removedContainerIds: removed, dataRemoved: command.removeData && present };
      }
      case 'container.list':
        return host.list(command.serverId);
      case 'data.check':
        return {
          results: command.items.map((i) => {
            const dir = `${i.dataPath}/${i.serverName}`;
            const world = host.worldOf(dir);
            return {
              serverId: i.serverId,
              dataExists: world !== null && world.fileCount > 0,
              binExists: host.dataDirs.has(dir),
              marker: host.dataDirs.has(dir) ? 'match' : 'absent',
              fingerprint: world && { ...world, takenAt: new Date().toISOString() },
              checkedAt: new Date().toISOString(),
            };
          }),
        };
      case 'data.snapshot': {
        const dir = `${command.dataPath}/${command.serverName}`;
        const world = host.worldOf(dir);
        if (!world)
          throw {
            code: 'SNAPSHOT_FAILED',
            message: `no folder at ${dir}`,
          } satisfies OperationError;
        const progress = {
          phase: 'snapshotting',
          current: world.totalBytes,
          total: world.totalBytes,
        };
        this.send({ type: 'progress', id: requestId, progress });
        if (!host.snapshots.has(command.snapshotId))
          host.snapshots.set(command.snapshotId, { dir, serverId: command.serverId, world });
        const archived = host.snapshots.get(command.snapshotId)!.world;
        return {
          snapshotId: command.snapshotId,
          path: `/snapshots/${command.serverName}/${command.snapshotId}.tar.gz`,
          sizeBytes: Math.round(archived.totalBytes / 3) + 512,
          fileCount: archived.fileCount + 1,
          totalBytes: archived.totalBytes + 36,
          verified: true,
          createdAt: new Date().toISOString(),
        };
      }
      case 'data.restore': {
        const dir = `${command.dataPath}/${command.serverName}`;
        const archive = host.snapshots.get(command.snapshotId);
        if (!archive || archive.serverId !== command.serverId)
          throw { code: 'RESTORE_FAILED', message: 'no such snapshot' } satisfies OperationError;
        if (host.containersOf(command.serverId).some((c) => c.running))
          throw { code: 'RESTORE_FAILED', message: 'container running' } satisfies OperationError;
        this.send({
          type: 'progress',
          id: requestId,
          progress: { phase: 'restoring', percent: 50 },
        });
        host.dataDirs.add(dir);
        host.worlds.set(dir, archive.world);
        return {
          snapshotId: command.snapshotId,
          fileCount: archive.world.fileCount + 1,
          totalBytes: archive.world.totalBytes + 36,
          fingerprint: { ...archive.world, takenAt: new Date().toISOString() },
        };
      }
      case 'data.snapshot.delete':
        return { deleted: host.snapshots.delete(command.snapshotId) };
      case 'data.snapshot.list':
        return { snapshots: [] };
    }
  }
}

const dataDir = (spec: ContainerSpec) => `${spec.dataPath}/${spec.serverName}`;
