import type { AgentRequestOptions } from '../domain/agent-gateway';
import { randomUUID } from 'node:crypto';
import type WebSocket from 'ws';
import {
  commandResultSchemas,
  type AgentCommand,
  type CommandResult,
  type ManagerToAgentFrame,
  type ListPart,
  type ReplyFrame,
  type ReplyPartFrame,
} from '@contract/agent-protocol';
import type { OperationProgress } from '@contract/http/operations';
import { AgentOfflineError, AgentOperationError, AgentTimeoutError } from '../domain/errors';
import { acceptPart, withParts } from './reply-parts';

export type RequestOptions = AgentRequestOptions;

interface Pending {
  command: AgentCommand;
  operationId: string | undefined;
  timer: NodeJS.Timeout;
  timeoutMs: number;
  onProgress: ((p: OperationProgress) => void) | undefined;
  onPart: ((part: ListPart) => void) | undefined;
  /** `reply.part` frames received so far, validated one by one as they came. */
  parts: ListPart[];
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

/** A request whose caller stopped waiting; its reply may still arrive. */
export interface ExpiredRequest {
  command: AgentCommand;
  operationId: string | undefined;
}

/** One authenticated agent socket: request/reply bookkeeping with per-request timeouts. */
export class AgentConnection {
  private readonly pending = new Map<string, Pending>();
  lastFrameAt = Date.now();
  /** Its credential was revoked: frames still in flight are ignored. */
  revoked = false;

  constructor(
    readonly agentId: string,
    private readonly ws: WebSocket,
    private readonly onExpired: (requestId: string, expired: ExpiredRequest) => void,
  ) {}

  /** Send a command and resolve with its validated result, or reject with an AgentOperationError. */
  request<N extends AgentCommand['name']>(
    command: Extract<AgentCommand, { name: N }>,
    options: RequestOptions,
  ): Promise<CommandResult<N>> {
    if (this.ws.readyState !== this.ws.OPEN) return Promise.reject(new AgentOfflineError());
    const id = randomUUID();
    return new Promise<CommandResult<N>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.onExpired(id, { command, operationId: options.operationId });
        reject(new AgentTimeoutError(command.name, options.timeoutMs));
      }, options.timeoutMs);
      this.pending.set(id, {
        command,
        operationId: options.operationId,
        timer,
        timeoutMs: options.timeoutMs,
        onProgress: options.onProgress,
        onPart: options.onPart,
        parts: [],
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      this.send({
        type: 'request',
        id,
        ...(options.operationId ? { operationId: options.operationId } : {}),
        command,
      });
    });
  }

  /** Settle the matching pending request; returns false when no caller is waiting for this id. */
  settle(reply: ReplyFrame): boolean {
    const p = this.pending.get(reply.id);
    if (!p) return false;
    this.pending.delete(reply.id);
    clearTimeout(p.timer);
    const outcome = parseReply(p.command, reply);
    if (!outcome.ok) {
      p.reject(outcome.error);
      return true;
    }
    const whole = withParts(p.command, outcome.result, p.parts);
    if (whole === null) p.reject(malformed(p.command.name));
    else p.resolve(whole);
    return true;
  }

  /**
   * Take one part of a waiting request's result. A part the request did not ask for, or a
   * malformed one, fails the request at once (its reply, when it comes, is then ignored).
   */
  part(frame: ReplyPartFrame): void {
    const p = this.pending.get(frame.id);
    if (!p) return;
    const part = acceptPart(p.command, frame.result);
    if (part) {
      p.parts.push(part);
      p.onPart?.(part);
      return;
    }
    this.pending.delete(frame.id);
    clearTimeout(p.timer);
    p.reject(malformed(p.command.name));
  }

  /** Forward a progress frame to the waiting caller. */
  progress(id: string, progress: OperationProgress): void {
    this.pending.get(id)?.onProgress?.(progress);
  }

  /** Send one frame (silently dropped when the socket is closing). */
  send(frame: ManagerToAgentFrame): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame));
  }

  /** Fail every waiting request (socket closed or replaced); their replies may still come after a reconnect. */
  rejectAll(): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      this.onExpired(id, { command: p.command, operationId: p.operationId });
      p.reject(new AgentOfflineError());
    }
  }

  /** Forget waiting requests without settling them (manager shutdown: the work is left "running" for restart recovery). */
  abandon(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }

  /** Close the socket with a protocol close code. */
  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  /** Hard-kill a silent socket. */
  terminate(): void {
    this.ws.terminate();
  }
}

/** Validate a reply's result with the command's result schema (a malformed reply is an error, not data). */
export function parseReply(
  command: AgentCommand,
  reply: ReplyFrame,
): { ok: true; result: unknown } | { ok: false; error: AgentOperationError } {
  if (!reply.ok)
    return {
      ok: false,
      error: new AgentOperationError(reply.error.code, reply.error.message, reply.error.details),
    };
  const parsed = commandResultSchemas[command.name].safeParse(reply.result);
  if (!parsed.success) return { ok: false, error: malformed(command.name) };
  return { ok: true, result: parsed.data };
}

const malformed = (name: AgentCommand['name']) =>
  new AgentOperationError('INVALID_REQUEST', `The agent sent a malformed ${name} result`);
