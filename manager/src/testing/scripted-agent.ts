import WebSocket from 'ws';
import pino from 'pino';
import {
  agentProtocolVersion,
  agentSocketPath,
  ManagerToAgentFrame,
  type AgentCommand,
  type AgentCommandName,
  type AgentToManagerFrame,
  type ContainerInfo,
  type DockerHealth,
  type ReplyFrame,
  type RequestFrame,
} from '@contract/agent-protocol';
import type { OperationError } from '@contract/errors';
import { Dispatcher, type DispatcherDeps } from '../../../agent/src/protocol/dispatch';
import { FakeHost } from './fake-host';

export { containerDetailsFor, defaultWorld, FakeHost } from './fake-host';

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
  /** Answer `container.list` with details even when asked for digests (an agent older than them). */
  ignoresDigest?: boolean;
}

/**
 * An agent over a real WebSocket whose answers come from the real agent dispatcher and domain,
 * running over a FakeHost (the agent's in-memory Docker and folders). It records every request
 * and can be told to delay, fail, hold or push container events; it sends no events of its own.
 */
export class ScriptedAgent {
  readonly received: RequestFrame[] = [];
  readonly host: FakeHost;
  readonly delays: Partial<Record<AgentCommandName, number>>;
  readonly failures: Partial<Record<AgentCommandName, OperationError>>;
  readonly ignoresListParts: boolean;
  readonly ignoresDigest: boolean;
  credential: string | undefined;
  agentId: string | undefined;
  closeCode: number | undefined;
  /** Commands of each name received and not yet answered, and the most there ever were at once. */
  readonly inFlight: Partial<Record<AgentCommandName, number>> = {};
  readonly maxInFlight: Partial<Record<AgentCommandName, number>> = {};
  /** Fail only the requests this picks (a failure for one server's folder, say). */
  readonly refuse: Partial<
    Record<AgentCommandName, (command: AgentCommand) => OperationError | undefined>
  > = {};
  /** Change a successful reply's result before it is sent (an agent that answers oddly). */
  readonly rewrite: Partial<Record<AgentCommandName, (result: unknown) => unknown>> = {};
  private held: { name: AgentCommandName; release: (() => void)[]; replyOnly: boolean } | undefined;
  /** The real agent's dispatcher and domain, over the host's in-memory runtime and folders. */
  private readonly dispatcher: Dispatcher;
  private readonly pending = new Map<string, (reply: ReplyFrame) => void>();

  private constructor(
    private readonly ws: WebSocket,
    options: ScriptedAgentOptions,
  ) {
    this.host = options.host ?? new FakeHost();
    this.delays = options.delays ?? {};
    this.failures = options.failures ?? {};
    this.dispatcher = dispatcherOn(this.host, options.allowedRoots, {
      send: (frame) => this.send(frame),
      sendReply: (frame: AgentToManagerFrame) => {
        if (frame.type === 'reply') this.pending.get(frame.id)?.(frame);
      },
    });
    this.ignoresListParts = options.ignoresListParts ?? false;
    this.ignoresDigest = options.ignoresDigest ?? false;
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
        const raw = JSON.parse(data.toString()) as { type?: unknown };
        // As the real agent (agent/src/protocol/connection.ts): a request goes to the dispatcher
        // as it came, which validates it with the contract's RequestFrame (once, not twice).
        if (raw.type === 'request') return void agent.answer(raw as RequestFrame);
        const frame = ManagerToAgentFrame.parse(raw);
        if (frame.type === 'welcome') {
          agent.agentId = frame.agentId;
          agent.credential = frame.credential;
          resolve(agent);
        } else if (frame.type === 'rejected') reject(new Error(`rejected: ${frame.code}`));
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
    this.held = { name, release: [], replyOnly: false };
  }

  /** Run this command, and send what it sends before its reply (list parts), but hold the reply. */
  holdReply(name: AgentCommandName): void {
    this.held = { name, release: [], replyOnly: true };
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

  private async answer(frame: RequestFrame): Promise<void> {
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

  private async reply(frame: RequestFrame): Promise<void> {
    const name = frame.command.name;
    const delay = this.delays[name];
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const wait = () => new Promise<void>((r) => this.held!.release.push(r));
    if (this.held?.name === name && !this.held.replyOnly) await wait();
    const failure = this.failures[name] ?? this.refuse[name]?.(frame.command);
    if (failure) return this.send({ type: 'reply', id: frame.id, ok: false, error: failure });
    const reply = new Promise<ReplyFrame>((resolve) => this.pending.set(frame.id, resolve));
    // An agent older than list parts: it never sees the request for them.
    if (this.ignoresListParts && frame.command.name === 'container.list')
      frame = { ...frame, command: { ...frame.command, partSize: undefined } };
    // An agent older than digests: it never sees the request for them (nor, then, `serverIds`).
    if (this.ignoresDigest && frame.command.name === 'container.list')
      frame = { ...frame, command: { ...frame.command, digest: undefined, serverIds: undefined } };
    this.dispatcher.handle(frame);
    let answer = await reply;
    const rewrite = this.rewrite[name];
    if (rewrite && answer.ok) answer = { ...answer, result: rewrite(answer.result) };
    if (this.held?.name === name && this.held.replyOnly) await wait();
    this.send(answer);
    this.pending.delete(frame.id);
  }
}

/** The real agent's dispatcher over the host's in-memory runtime and folders. */
function dispatcherOn(
  host: FakeHost,
  allowedRoots: string[] | undefined,
  io: Pick<DispatcherDeps, 'send' | 'sendReply'>,
): Dispatcher {
  return new Dispatcher({
    runtime: host.runtime,
    data: host.data,
    // The manager decides which folders an agent may use; the scripted host allows any.
    allowedRoots: allowedRoots ?? ['/'],
    logger: pino({ level: 'silent' }),
    ...io,
  });
}
