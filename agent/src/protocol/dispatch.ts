import type { Logger } from 'pino';
import {
  type AgentCommand,
  type AgentCommandName,
  type AgentToManagerFrame,
  type CommandResult,
  commandResultSchemas,
  ListPart,
  ListResult,
  RequestFrame,
} from '@contract/agent-protocol';
import { splitListResult } from '@contract/list-parts';
import { checkData } from '../domain/check-data';
import type { CommandContext } from '../domain/command-context';
import type { HostData } from '../data/host-data';
import { createContainer } from '../domain/create-container';
import { deleteSnapshot } from '../domain/delete-snapshot';
import { digestedAll, listContainers } from '../domain/list-containers';
import { listSnapshots } from '../domain/list-snapshots';
import { removeContainer } from '../domain/remove-container';
import { replaceContainer } from '../domain/replace-container';
import { restartContainer } from '../domain/restart-container';
import { resolveTag } from '../domain/resolve-tag';
import { restoreData } from '../domain/restore-data';
import { snapshotData } from '../domain/snapshot-data';
import { startContainer } from '../domain/start-container';
import { stopContainer } from '../domain/stop-container';
import { toOperationError } from '../errors';
import type { ContainerRuntime } from '../runtime/container-runtime';
import { IdempotencyCache } from './idempotency-cache';
import { KeyedLock } from './keyed-lock';

type Handler<N extends AgentCommandName> = (
  ctx: CommandContext,
  command: Extract<AgentCommand, { name: N }>,
) => Promise<CommandResult<N>>;

const handlers: { [N in AgentCommandName]: Handler<N> } = {
  'container.create': createContainer,
  'container.replace': replaceContainer,
  'container.start': startContainer,
  'container.stop': stopContainer,
  'container.restart': restartContainer,
  'container.remove': removeContainer,
  'container.list': listContainers,
  'data.check': checkData,
  'data.snapshot': snapshotData,
  'data.restore': restoreData,
  'data.snapshot.delete': deleteSnapshot,
  'data.snapshot.list': listSnapshots,
  'image.resolve': resolveTag,
};

export interface DispatcherDeps {
  runtime: ContainerRuntime;
  logger: Logger;
  /** Roots this host serves (resolved and checked at start). */
  allowedRoots: readonly string[];
  /** The host's server folders and snapshot archives. */
  data: HostData;
  /** Best effort (progress frames). */
  send(frame: AgentToManagerFrame): void;
  /** Must reach the manager eventually (replies), even across a reconnect. */
  sendReply(frame: AgentToManagerFrame): void;
}

/**
 * Turns `request` frames into domain calls and exactly one `reply` each. Commands of one server
 * run one at a time (per-server lock); different servers and read-only commands run concurrently.
 */
export class Dispatcher {
  private readonly lock = new KeyedLock();
  private readonly idempotency = new IdempotencyCache<unknown>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: DispatcherDeps) {}

  /** Handles one incoming frame that claims to be a request; invalid ones get INVALID_REQUEST. */
  handle(raw: unknown): void {
    const parsed = RequestFrame.safeParse(raw);
    if (!parsed.success) {
      const id =
        typeof (raw as { id?: unknown } | null)?.id === 'string' ? (raw as { id: string }).id : '';
      this.deps.logger.warn(
        { requestId: id, issues: parsed.error.issues.slice(0, 5) },
        'invalid request refused',
      );
      this.deps.sendReply({
        type: 'reply',
        id,
        ok: false,
        error: {
          code: 'INVALID_REQUEST',
          message: `invalid request: ${summarise(parsed.error.issues)}`,
        },
      });
      return;
    }
    const task = this.execute(parsed.data).finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  /** Resolves when every request taken so far has been answered. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async execute({ id, command, operationId }: RequestFrame): Promise<void> {
    const serverId = serverIdOf(command);
    const logger = this.deps.logger.child({
      requestId: id,
      command: command.name,
      serverId,
      operationId,
    });
    const ctx: CommandContext = {
      runtime: this.deps.runtime,
      logger,
      allowedRoots: this.deps.allowedRoots,
      data: this.deps.data,
      progress: (progress) => this.deps.send({ type: 'progress', id, progress }),
    };
    const run = () => (handlers[command.name] as Handler<AgentCommandName>)(ctx, command as never);
    const locked = () => (serverId ? this.lock.run(serverId, run) : run());
    const started = Date.now();
    logger.debug('command started');
    try {
      const work =
        command.name === 'container.create' || command.name === 'container.replace'
          ? this.idempotency.run(
              `${command.name}:${command.spec.serverId}:${command.idempotencyKey}`,
              locked,
            )
          : locked();
      const result = await work;
      // Self-check against the contract: a malformed result is our bug, reported as INTERNAL.
      if (command.name === 'container.list' && command.partSize !== undefined)
        await this.replyInParts(id, command.partSize, result as ListResult, command.digest);
      else
        this.deps.sendReply({
          type: 'reply',
          id,
          ok: true,
          result: commandResultSchemas[command.name].parse(result),
        });
      // Reconcile lists and data checks run on every connect and event: keep them out of info logs.
      const level = serverId ? 'info' : 'debug';
      logger[level]({ ms: Date.now() - started }, 'command succeeded');
    } catch (err) {
      const error = toOperationError(err);
      logger.warn(
        { ms: Date.now() - started, code: error.code, message: error.message },
        'command failed',
      );
      this.deps.sendReply({ type: 'reply', id, ok: false, error });
    }
  }

  /**
   * A big container list in the parts the manager asked for, each checked and sent in its own
   * event-loop turn (best effort), then the reply with the rest: the manager validates one part
   * while the next is checked, and other requests are read in between.
   */
  private async replyInParts(
    id: string,
    partSize: number,
    result: ListResult,
    digest = false,
  ): Promise<void> {
    const { parts, reply } = splitListResult(result, partSize);
    // Asked for digests: each part is hashed just before it goes (list-containers.ts).
    const ready = <T extends ListPart>(part: T): T =>
      digest ? { ...part, containers: digestedAll(part.containers) } : part;
    for (const part of parts) {
      this.deps.send({ type: 'reply.part', id, result: ListPart.parse(ready(part)) });
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.deps.sendReply({ type: 'reply', id, ok: true, result: ListResult.parse(ready(reply)) });
  }
}

function serverIdOf(command: AgentCommand): string | null {
  switch (command.name) {
    case 'container.create':
    case 'container.replace':
      return command.spec.serverId;
    case 'container.list':
    case 'data.check':
    case 'data.snapshot.list':
    case 'image.resolve':
      return null;
    default:
      return command.serverId;
  }
}

function summarise(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(frame)'}: ${i.message}`)
    .join('; ');
}
