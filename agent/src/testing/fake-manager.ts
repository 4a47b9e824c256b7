import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { z } from 'zod';
import {
  type AgentCommand,
  agentSocketPath,
  AgentToManagerFrame,
  type ContainerEventFrame,
  type DockerHealth,
  type HelloFrame,
  type ReplyFrame,
} from '@contract/agent-protocol';
import type { OperationProgress } from '@contract/http/operations';

type Hello = z.infer<typeof HelloFrame>;

export interface FakeManagerOptions {
  /** Tokens accepted in `hello`; default: any. */
  acceptTokens?: string[];
  /** Handed out in `welcome` when set. */
  credential?: string;
  heartbeatIntervalMs?: number;
  port?: number;
}

/**
 * The manager side of the agent protocol, just enough for tests: verifies `hello`, sends
 * `welcome`, sends requests and collects replies, progress, events and docker status. Every
 * frame the agent sends is checked against the contract; bad ones land in `invalidFrames`.
 */
export class FakeManager {
  readonly hellos: Hello[] = [];
  readonly events: ContainerEventFrame[] = [];
  readonly dockerStatuses: DockerHealth[] = [];
  readonly invalidFrames: unknown[] = [];
  readonly replies = new Map<string, ReplyFrame>();
  readonly progress = new Map<string, OperationProgress[]>();
  /** `reply.part` results by request id, in the order they came. */
  readonly parts = new Map<string, unknown[]>();
  heartbeats = 0;
  private agent: WebSocket | undefined;
  private nextId = 1;

  private constructor(
    private readonly server: WebSocketServer,
    private readonly options: FakeManagerOptions,
  ) {
    server.on('connection', (socket) => this.onConnection(socket));
  }

  static async start(options: FakeManagerOptions = {}): Promise<FakeManager> {
    const server = new WebSocketServer({
      host: '127.0.0.1',
      port: options.port ?? 0,
      path: agentSocketPath,
    });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new FakeManager(server, options);
  }

  /** ws://127.0.0.1:port (the agent appends the socket path). */
  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get connected(): boolean {
    return this.agent !== undefined;
  }

  /** Resolves once an agent has been welcomed. */
  async waitForAgent(timeoutMs = 15_000): Promise<void> {
    await waitFor(() => this.connected, timeoutMs, 'agent to connect');
  }

  /** Sends a raw frame (for invalid-request tests). */
  sendRaw(frame: unknown): void {
    if (!this.agent) throw new Error('no agent connected');
    this.agent.send(JSON.stringify(frame));
  }

  /** Sends a command and waits for its reply. */
  async request(
    command: AgentCommand,
    timeoutMs = 90_000,
  ): Promise<{ reply: ReplyFrame; progress: OperationProgress[] }> {
    const id = `req-${this.nextId++}`;
    this.progress.set(id, []);
    this.sendRaw({ type: 'request', id, command });
    const reply = await this.waitForReply(id, timeoutMs);
    return { reply, progress: this.progress.get(id) ?? [] };
  }

  /** Sends a command and returns its result; throws with the agent's error when it failed. */
  async ok<T = unknown>(command: AgentCommand, timeoutMs?: number): Promise<T> {
    const { reply } = await this.request(command, timeoutMs);
    if (!reply.ok)
      throw new Error(`${command.name} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.result as T;
  }

  async waitForReply(id: string, timeoutMs = 90_000): Promise<ReplyFrame> {
    await waitFor(() => this.replies.has(id), timeoutMs, `reply ${id}`);
    return this.replies.get(id)!;
  }

  /** The first event (received from now on or already) matching `match`. */
  async waitForEvent(
    match: (e: ContainerEventFrame) => boolean,
    timeoutMs = 2_000,
  ): Promise<ContainerEventFrame> {
    await waitFor(() => this.events.some(match), timeoutMs, 'container event');
    return this.events.find(match)!;
  }

  /** Drops the agent's socket (a manager-side disconnect). */
  disconnectAgent(): void {
    this.agent?.terminate();
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onConnection(socket: WebSocket): void {
    socket.on('message', (data) => {
      const raw = JSON.parse(data.toString()) as unknown;
      const parsed = AgentToManagerFrame.safeParse(raw);
      if (!parsed.success) {
        this.invalidFrames.push(raw);
        return;
      }
      const frame = parsed.data;
      switch (frame.type) {
        case 'hello':
          return this.onHello(socket, frame);
        case 'reply':
          this.replies.set(frame.id, frame);
          break;
        case 'progress':
          this.progress.get(frame.id)?.push(frame.progress);
          break;
        case 'reply.part':
          this.parts.set(frame.id, [...(this.parts.get(frame.id) ?? []), frame.result]);
          break;
        case 'container.event':
          this.events.push(frame);
          break;
        case 'docker.status':
          this.dockerStatuses.push(frame.docker);
          break;
        case 'heartbeat':
          this.heartbeats += 1;
          break;
      }
    });
    socket.on('close', () => {
      if (this.agent === socket) this.agent = undefined;
    });
  }

  private onHello(socket: WebSocket, hello: Hello): void {
    this.hellos.push(hello);
    const accepted = !this.options.acceptTokens || this.options.acceptTokens.includes(hello.token);
    if (!accepted) {
      socket.send(
        JSON.stringify({ type: 'rejected', code: 'INVALID_TOKEN', message: 'unknown token' }),
      );
      socket.close(4401, 'invalid token');
      return;
    }
    this.agent = socket;
    socket.send(
      JSON.stringify({
        type: 'welcome',
        agentId: 'agent-test',
        agentName: 'test-host',
        heartbeatIntervalMs: this.options.heartbeatIntervalMs ?? 1_000,
        ...(this.options.credential ? { credential: this.options.credential } : {}),
      }),
    );
  }
}

/** Polls `condition` every 25 ms until true or the timeout. */
export async function waitFor(
  condition: () => boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
