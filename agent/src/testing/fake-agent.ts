import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type {
  AgentCommand,
  AgentToManagerFrame,
  ContainerSpec,
  ReplyFrame,
} from '@contract/agent-protocol';
import type { OperationProgress } from '@contract/http/operations';
import { Dispatcher } from '../protocol/dispatch';
import { testLogger } from './agent-harness';
import { FakeHostData } from './fake-host-data';
import { FakeRuntime } from './fake-runtime';
import { MemoryTree } from './memory-tree';

export const fakeImage = 'registry.test/zedops/pz-test';
/** The one data root the fake agent serves unless told otherwise. */
export const fakeDataRoot = '/srv/zedops';

/**
 * The real dispatcher and domain over FakeRuntime and FakeHostData: the agent's behaviour
 * without Docker or a disk, request by request, for the node test project.
 */
export class FakeAgent {
  readonly runtime = new FakeRuntime();
  readonly tree = new MemoryTree();
  readonly data: FakeHostData;
  readonly dispatcher: Dispatcher;
  /** Progress frames by request id. */
  readonly progress = new Map<string, OperationProgress[]>();
  private readonly waiting = new Map<string, (reply: ReplyFrame) => void>();
  private nextId = 1;
  private serial = 0;
  private nextPort = 20_000;

  constructor(options: { allowedRoots?: string[]; snapshotRoot?: string | null } = {}) {
    this.runtime.images.publish(`${fakeImage}:latest`);
    this.runtime.images.publish(`${fakeImage}:v2`);
    const snapshotRoot =
      options.snapshotRoot === undefined
        ? path.join(fakeDataRoot, '.zedops-snapshots')
        : options.snapshotRoot;
    this.data = new FakeHostData(this.tree, snapshotRoot);
    const roots = options.allowedRoots ?? [fakeDataRoot];
    for (const root of roots) this.tree.mkdir(root);
    const onFrame = (frame: AgentToManagerFrame) => {
      if (frame.type === 'progress') {
        const list = this.progress.get(frame.id) ?? [];
        list.push(frame.progress);
        this.progress.set(frame.id, list);
      } else if (frame.type === 'reply') this.waiting.get(frame.id)?.(frame);
    };
    this.dispatcher = new Dispatcher({
      runtime: this.runtime,
      data: this.data,
      allowedRoots: roots,
      logger: testLogger(),
      send: onFrame,
      sendReply: onFrame,
    });
  }

  /** Sends one request frame and resolves with its reply and the progress sent for it. */
  async request(command: AgentCommand, operationId?: string) {
    const id = `r${this.nextId++}`;
    const reply = new Promise<ReplyFrame>((resolve) => this.waiting.set(id, resolve));
    this.dispatcher.handle({
      type: 'request',
      id,
      command,
      ...(operationId ? { operationId } : {}),
    });
    return { reply: await reply, progress: this.progress.get(id) ?? [] };
  }

  /** The result of a command that must succeed. */
  async ok<T = unknown>(command: AgentCommand): Promise<T> {
    const { reply } = await this.request(command);
    if (!reply.ok)
      throw new Error(`${command.name} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.result as T;
  }

  /** The error code (and details) of a command that must fail. */
  async refused(command: AgentCommand) {
    const { reply } = await this.request(command);
    if (reply.ok) throw new Error(`${command.name} succeeded: ${JSON.stringify(reply.result)}`);
    return reply.error;
  }

  /** A spec for a new, unique server on fresh ports below the data root. */
  spec(overrides: Partial<ContainerSpec> = {}): ContainerSpec {
    const tag = `${(this.serial++).toString(36)}${randomBytes(2).toString('hex')}`;
    const gamePort = this.nextPort;
    this.nextPort += 3;
    return {
      serverId: `srv-${tag}`,
      serverName: `t${tag}`,
      image: fakeImage,
      imageTag: 'latest',
      env: { SERVER_NAME: 'test', ADMIN_PASSWORD: 'secret' },
      gamePort,
      udpPort: gamePort + 1,
      rconPort: gamePort + 2,
      dataPath: fakeDataRoot,
      ...overrides,
    };
  }

  /** `{dataPath}/{name}` of a spec. */
  root(spec: { dataPath: string; serverName: string }): string {
    return path.join(spec.dataPath, spec.serverName);
  }

  /** Everything below `dir` (files' content, `<dir>` for folders): to prove nothing changed. */
  snapshotTree(dir: string): Record<string, string> {
    return Object.fromEntries(
      [...this.tree.entries(dir)].map(([rel, n]) => [rel, n.kind === 'dir' ? '<dir>' : n.content]),
    );
  }

  /** Managed container ids of a server. */
  containersOf(serverId: string): string[] {
    return [...this.runtime.containers.values()]
      .filter((c) => c.labels['zedops.server.id'] === serverId)
      .map((c) => c.id);
  }
}
