import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type pino from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  AgentToManagerFrame,
  agentCloseCodes,
  agentSocketPath,
  type AgentCommand,
  type CommandResult,
  type ContainerEventFrame,
  type DockerHealth,
  type ReplyFrame,
} from '@contract/agent-protocol';
import type { AgentsRepo } from '../db/agents-repo';
import type { AgentGateway } from '../domain/agent-gateway';
import { AgentOfflineError } from '../domain/errors';
import { AgentConnection, type ExpiredRequest, type RequestOptions } from './agent-connection';
import { checkAgentHello, type AgentHello } from './agent-login';
import { serveAgentSocket } from './agent-handshake';
import {
  defaultHandshakeLimits,
  HandshakeGate,
  refuseUpgrade,
  type HandshakeLimits,
} from './handshake-limits';

export type { AgentHello };

/** What the domain hears from the hub. */
export interface AgentHubListener {
  /** An agent authenticated (a replaced connection also lands here). */
  onAgentConnected(agentId: string, hello: AgentHello): void;
  /** The agent's current socket closed (not called when it was replaced by a newer one). */
  onAgentDisconnected(agentId: string): void;
  /** Docker container event pushed by the agent. */
  onContainerEvent(agentId: string, event: ContainerEventFrame): void;
  /** Docker reachability changed or was re-reported (heartbeat, docker.status). */
  onDockerHealth(agentId: string, docker: DockerHealth): void;
  /** A reply arrived after the manager had stopped waiting for it (docs/design.md, lesson 3). */
  onLateReply(agentId: string, request: ExpiredRequest, reply: ReplyFrame): void;
}

export interface AgentHubOptions {
  agents: AgentsRepo;
  logger: pino.Logger;
  heartbeatIntervalMs?: number;
  helloTimeoutMs?: number;
  handshakeLimits?: HandshakeLimits;
  /** Clock for registration-token expiry (tests move it). */
  now?: () => number;
}

const maxExpired = 1000;

/** The manager's side of the agent WebSocket protocol (contract/agent-protocol.ts). */
export class AgentHub implements AgentGateway {
  // One frame per event-loop turn: frames that arrived together (a big list's parts, a fleet's
  // data checks) are validated one at a time with requests served in between, not all at once.
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: 8 * 1024 * 1024,
    allowSynchronousEvents: false,
  });
  private readonly connections = new Map<string, AgentConnection>();
  private readonly expired = new Map<string, { agentId: string; request: ExpiredRequest }>();
  private listener: AgentHubListener | undefined;
  private readonly heartbeatIntervalMs: number;
  private readonly helloTimeoutMs: number;
  private readonly sweeper: NodeJS.Timeout;
  private readonly gate: HandshakeGate;

  constructor(private readonly options: AgentHubOptions) {
    this.gate = new HandshakeGate(options.handshakeLimits ?? defaultHandshakeLimits);
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 15_000;
    this.helloTimeoutMs = options.helloTimeoutMs ?? 5_000;
    // A socket silent for three heartbeats is dead even if TCP has not noticed yet.
    this.sweeper = setInterval(() => this.dropSilent(), this.heartbeatIntervalMs);
    this.sweeper.unref();
  }

  /** Set the domain listener (wired once at start). */
  setListener(listener: AgentHubListener): void {
    this.listener = listener;
  }

  /** Take over HTTP upgrades on the agent socket path. */
  attach(server: HttpServer): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== agentSocketPath) {
        socket.destroy();
        return;
      }
      const address = req.socket.remoteAddress ?? 'unknown';
      const refusal = this.gate.refusal(address);
      if (refusal) {
        this.options.logger.warn({ address, reason: refusal.reason }, 'agent socket refused');
        refuseUpgrade(socket, refusal.status, refusal.reason);
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, socket, address));
    });
  }

  /** True when the agent has an authenticated socket. */
  isConnected(agentId: string): boolean {
    return this.connections.has(agentId);
  }

  /** Send a command to an agent and await its validated result. */
  request<N extends AgentCommand['name']>(
    agentId: string,
    command: Extract<AgentCommand, { name: N }>,
    options: RequestOptions,
  ): Promise<CommandResult<N>> {
    const conn = this.connections.get(agentId);
    if (!conn) return Promise.reject(new AgentOfflineError());
    return conn.request(command, options);
  }

  /**
   * The agent's credential was revoked (token rotated, agent deleted): drop its socket at once
   * with 4401, so nothing more is sent to it or taken from it.
   */
  revoke(agentId: string, reason: string): void {
    const conn = this.connections.get(agentId);
    if (!conn) return;
    conn.revoked = true;
    this.connections.delete(agentId);
    conn.rejectAll();
    conn.close(agentCloseCodes.invalidToken, reason);
    this.options.logger.info({ agentId, reason }, 'agent credential revoked; socket closed');
    this.listener?.onAgentDisconnected(agentId);
  }

  /** Close every socket and stop timers. */
  close(): void {
    clearInterval(this.sweeper);
    // Shutdown is not a disconnect: in-flight operations stay "running" and the next start marks them INTERRUPTED.
    this.listener = undefined;
    for (const conn of this.connections.values()) {
      conn.abandon();
      conn.close(1001, 'manager shutting down');
    }
    this.connections.clear();
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private accept(ws: WebSocket, socket: Duplex, address: string): void {
    const deps = {
      gate: this.gate,
      logger: this.options.logger,
      helloTimeoutMs: this.helloTimeoutMs,
    };
    serveAgentSocket(ws, socket, address, deps, {
      hello: (text) => this.guarded('hello', () => this.authenticate(ws, text)),
      frame: (conn, text) => this.guarded('frame', () => this.handleFrame(conn, text)),
      closed: (conn) => this.guarded('disconnect', () => this.dropConnection(conn)),
    });
  }

  private authenticate(ws: WebSocket, text: string | undefined): AgentConnection | undefined {
    const login = checkAgentHello(ws, text, {
      agents: this.options.agents,
      logger: this.options.logger,
      now: this.options.now ?? Date.now,
    });
    if (!login) return undefined;
    const { agent: auth, hello, credential } = login;
    const agentId = auth.id;
    const conn = new AgentConnection(agentId, ws, (id, request) =>
      this.rememberExpired(id, agentId, request),
    );
    const previous = this.connections.get(agentId);
    this.connections.set(agentId, conn);
    if (previous) {
      previous.rejectAll();
      previous.close(agentCloseCodes.replaced, 'replaced by a newer connection');
    }
    conn.send({
      type: 'welcome',
      agentId,
      agentName: auth.name,
      heartbeatIntervalMs: this.heartbeatIntervalMs,
      ...(credential ? { credential } : {}),
    });
    this.options.logger.info(
      { agentId, name: auth.name, hostname: hello.hostname },
      'agent connected',
    );
    this.listener?.onAgentConnected(agentId, hello);
    return conn;
  }

  /**
   * Run the handling of one socket event: whatever it throws (a bug, or storage trouble the
   * domain did not absorb) is logged, never left to take the process down.
   */
  private guarded<T>(what: string, handle: () => T): T | undefined {
    try {
      return handle();
    } catch (err) {
      this.options.logger.error({ err, what }, 'handling an agent socket event failed');
      return undefined;
    }
  }

  private handleFrame(conn: AgentConnection, text: string | undefined): void {
    if (conn.revoked) return;
    conn.lastFrameAt = Date.now();
    const parsed = AgentToManagerFrame.safeParse(safeJson(text));
    if (!parsed.success) {
      this.options.logger.warn({ agentId: conn.agentId }, 'agent sent an invalid frame; ignored');
      return;
    }
    const frame = parsed.data;
    switch (frame.type) {
      case 'reply':
        if (!conn.settle(frame)) this.handleLateReply(conn.agentId, frame);
        return;
      case 'reply.part':
        conn.part(frame);
        return;
      case 'progress':
        conn.progress(frame.id, frame.progress);
        return;
      case 'container.event':
        this.listener?.onContainerEvent(conn.agentId, frame);
        return;
      case 'heartbeat':
      case 'docker.status':
        this.listener?.onDockerHealth(conn.agentId, frame.docker);
        return;
      case 'hello':
        this.options.logger.warn({ agentId: conn.agentId }, 'second hello ignored');
        return;
    }
  }

  private handleLateReply(agentId: string, reply: ReplyFrame): void {
    const entry = this.expired.get(reply.id);
    if (!entry || entry.agentId !== agentId) return; // unknown id, or another agent's request: ignore
    this.expired.delete(reply.id);
    this.listener?.onLateReply(agentId, entry.request, reply);
  }

  private rememberExpired(requestId: string, agentId: string, request: ExpiredRequest): void {
    this.expired.set(requestId, { agentId, request });
    if (this.expired.size > maxExpired) {
      const oldest = this.expired.keys().next().value;
      if (oldest !== undefined) this.expired.delete(oldest);
    }
  }

  private dropConnection(conn: AgentConnection): void {
    conn.rejectAll();
    if (this.connections.get(conn.agentId) !== conn) return; // replaced: the agent is still online
    this.connections.delete(conn.agentId);
    this.options.logger.info({ agentId: conn.agentId }, 'agent disconnected');
    this.listener?.onAgentDisconnected(conn.agentId);
  }

  private dropSilent(): void {
    const limit = Date.now() - 3 * this.heartbeatIntervalMs;
    for (const conn of this.connections.values()) if (conn.lastFrameAt < limit) conn.terminate();
  }
}

function safeJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
