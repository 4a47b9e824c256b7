import type { Logger } from 'pino';
import WebSocket from 'ws';
import type { z } from 'zod';
import {
  agentCloseCodes,
  type AgentToManagerFrame,
  type HelloFrame,
  ManagerToAgentFrame,
  type WelcomeFrame,
} from '@contract/agent-protocol';
import type { CredentialStore } from '../state/credential-store';
import { Backoff } from './backoff';
import { ReplyOutbox } from './reply-outbox';

type Hello = z.infer<typeof HelloFrame>;
type Welcome = z.infer<typeof WelcomeFrame>;

export interface ConnectionOptions {
  /** Full WebSocket URL, agentSocketPath included. */
  url: string;
  registrationToken?: string;
  credentials: CredentialStore;
  logger: Logger;
  /** Everything in `hello` except type and token (docker health is fetched fresh each time). */
  helloInfo(): Promise<Omit<Hello, 'type' | 'token'>>;
  /** The `heartbeat` frame to send now. */
  heartbeat(): AgentToManagerFrame;
  /** Overrides the manager's heartbeat interval (tests). */
  heartbeatIntervalMs?: number;
  onRequest(raw: unknown): void;
  /** Called after each `welcome`, e.g. to push the current docker status. */
  onReady?(welcome: Welcome): void;
}

type State = 'idle' | 'connecting' | 'authenticating' | 'ready' | 'waiting' | 'stopped';
const helloTimeoutMs = 10_000;

/**
 * The agent's one WebSocket to the manager: speaks first with `hello`, waits for `welcome`,
 * heartbeats (and pings to spot a dead peer), and reconnects forever with exponential backoff
 * and jitter. Replies that cannot be sent while disconnected wait in an outbox for the next welcome.
 */
export class ManagerConnection {
  private state: State = 'idle';
  private socket: WebSocket | undefined;
  private readonly backoff = new Backoff(500, 10_000);
  private readonly outbox = new ReplyOutbox();
  private timers: NodeJS.Timeout[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private credentialRejected = false;
  private usingCredential = false;

  constructor(private readonly options: ConnectionOptions) {}

  /** Starts connecting (and keeps reconnecting until stop). */
  start(): void {
    if (this.state !== 'idle') return;
    void this.connect();
  }

  /** True when `welcome` has been received on the current socket. */
  get ready(): boolean {
    return this.state === 'ready';
  }

  /** Sends a frame now if connected; otherwise drops it (events, progress, heartbeats). */
  send(frame: AgentToManagerFrame): boolean {
    if (this.state !== 'ready' || this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Sends a reply now, or keeps it until the next welcome (the manager records late replies by operation). */
  sendReply(frame: AgentToManagerFrame): void {
    if (!this.send(frame)) this.outbox.add(frame);
  }

  /** Closes the socket and stops reconnecting. */
  async stop(): Promise<void> {
    this.setState('stopped', 'agent stopping');
    this.clearTimers();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close(1000, 'agent stopping');
      setTimeout(() => {
        socket.terminate();
        resolve();
      }, 2000).unref();
    });
  }

  private async connect(): Promise<void> {
    if (this.state === 'stopped') return;
    this.setState('connecting', `connecting to ${this.options.url}`);
    const token = await this.pickToken();
    if (!token) {
      this.options.logger.error(
        'no registration token and no stored credential: cannot authenticate',
      );
      return this.scheduleReconnect('no token');
    }
    const socket = new WebSocket(this.options.url, {
      handshakeTimeout: 10_000,
      maxPayload: 16 * 1024 * 1024,
    });
    this.socket = socket;
    let lastPong = Date.now();
    let lastError = '';

    socket.on('open', () => {
      void (async () => {
        const info = await this.options.helloInfo();
        if (socket !== this.socket || socket.readyState !== WebSocket.OPEN) return;
        socket.send(JSON.stringify({ type: 'hello', token, ...info } satisfies Hello));
        this.setState(
          'authenticating',
          `connected; hello sent with ${this.usingCredential ? 'stored credential' : 'registration token'}`,
        );
        this.timers.push(setTimeout(() => socket.terminate(), helloTimeoutMs));
      })();
    });
    socket.on('pong', () => (lastPong = Date.now()));
    socket.on('message', (data) => this.onMessage(socket, data.toString(), () => lastPong));
    socket.on('error', (err) => {
      lastError = err.message;
      this.options.logger.debug({ err: err.message }, 'manager socket error');
    });
    socket.on('close', (code, reason) => {
      if (socket !== this.socket) return;
      this.clearTimers();
      if (this.state === 'stopped') return;
      if (code === agentCloseCodes.invalidToken)
        this.onTokenRejected('closed with invalid-token code');
      const detail = reason.length ? reason.toString() : lastError;
      this.scheduleReconnect(`closed (code ${code}${detail ? `: ${detail}` : ''})`);
    });
  }

  private onMessage(socket: WebSocket, text: string, lastPong: () => number): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.options.logger.warn('manager sent a frame that is not JSON; ignored');
      return;
    }
    if ((raw as { type?: unknown } | null)?.type === 'request') {
      if (this.state === 'ready') this.options.onRequest(raw);
      return;
    }
    const frame = ManagerToAgentFrame.safeParse(raw);
    if (!frame.success) {
      this.options.logger.warn(
        { issues: frame.error.issues.slice(0, 3) },
        'invalid frame from manager; ignored',
      );
      return;
    }
    if (frame.data.type === 'rejected') {
      this.options.logger.error(
        { code: frame.data.code },
        `manager rejected this agent: ${frame.data.message}`,
      );
      if (frame.data.code === 'INVALID_TOKEN') this.onTokenRejected(frame.data.message);
      socket.close(1000, 'rejected');
      return;
    }
    if (frame.data.type === 'welcome') this.onWelcome(socket, frame.data, lastPong);
  }

  // Synchronous up to `ready`: the manager may send its first request right behind the welcome.
  private onWelcome(socket: WebSocket, welcome: Welcome, lastPong: () => number): void {
    this.clearTimers();
    this.backoff.reset();
    if (welcome.credential) {
      this.credentialRejected = false;
      this.options.credentials.save(welcome.credential, welcome.agentId).catch((err: unknown) => {
        this.options.logger.error({ err }, 'could not store the credential from welcome');
      });
    }
    this.setState('ready', `welcomed as agent ${welcome.agentName} (${welcome.agentId})`);
    const interval = this.options.heartbeatIntervalMs ?? welcome.heartbeatIntervalMs;
    const deadAfter = Math.max(3 * interval, 10_000);
    this.timers.push(
      setInterval(() => {
        if (Date.now() - lastPong() > deadAfter) {
          this.options.logger.warn(
            { silentMs: Date.now() - lastPong() },
            'manager stopped answering pings; reconnecting',
          );
          socket.terminate();
          return;
        }
        this.send(this.options.heartbeat());
        socket.ping();
      }, interval),
    );
    for (const frame of this.outbox.drain()) this.sendReply(frame);
    this.options.onReady?.(welcome);
  }

  private onTokenRejected(why: string): void {
    if (this.usingCredential && this.options.registrationToken) {
      this.credentialRejected = true;
      this.options.logger.warn(
        `stored credential rejected (${why}); falling back to the registration token`,
      );
    }
  }

  private async pickToken(): Promise<string | undefined> {
    const stored = this.credentialRejected ? null : await this.options.credentials.load();
    this.usingCredential = Boolean(stored);
    return stored ?? this.options.registrationToken;
  }

  private scheduleReconnect(why: string): void {
    if (this.state === 'stopped') return;
    const delay = this.backoff.next();
    this.setState('waiting', `disconnected: ${why}; reconnecting in ${delay} ms`);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private setState(state: State, message: string): void {
    this.state = state;
    this.options.logger.info({ connection: state }, message);
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }
}
