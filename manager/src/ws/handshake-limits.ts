import type { Duplex } from 'node:stream';
import { agentHelloMaxBytes } from '@contract/agent-protocol';

/** Limits on agent sockets that have not authenticated yet (docs/decisions/0021-agent-handshake-limits.md). */
export interface HandshakeLimits {
  /** Unauthenticated sockets open at once, all addresses together. */
  maxPending: number;
  /** Unauthenticated sockets open at once from one remote address. */
  maxPendingPerAddress: number;
}

export const defaultHandshakeLimits: HandshakeLimits = { maxPending: 64, maxPendingPerAddress: 8 };

/** A WebSocket frame header is at most 14 bytes (2 + 8 extended length + 4 mask key). */
const maxFrameHeaderBytes = 14;
/** Raw bytes a socket may send before its hello is decided: one hello frame at its largest. */
export const helloBudgetBytes = agentHelloMaxBytes + maxFrameHeaderBytes;
/** After a refused hello only the peer's close frame (at most 125 bytes of payload) may follow. */
const closeFrameBudgetBytes = 125 + maxFrameHeaderBytes;

/** An admitted unauthenticated socket whose raw bytes are counted until it is decided. */
export interface PendingHandshake {
  /** The hello was accepted: stop counting and free the slot. */
  authenticated(): void;
  /** The hello was refused: from now on only a close frame's worth of bytes is read. */
  refused(): void;
}

/**
 * Counts unauthenticated agent sockets (in total and per address) and the bytes each sends.
 * The count is taken on the raw TCP socket, so a peer declaring an 8 MiB frame is cut off after
 * a few KiB instead of being buffered by the WebSocket parser up to its 8 MiB frame limit.
 */
export class HandshakeGate {
  private pending = 0;
  private readonly byAddress = new Map<string, number>();

  constructor(private readonly limits: HandshakeLimits) {}

  /** Why a new socket from this address is turned away, or undefined when it may proceed. */
  refusal(address: string): { status: 429 | 503; reason: string } | undefined {
    if ((this.byAddress.get(address) ?? 0) >= this.limits.maxPendingPerAddress)
      return { status: 429, reason: 'too many unauthenticated agent sockets from this address' };
    if (this.pending >= this.limits.maxPending)
      return { status: 503, reason: 'too many unauthenticated agent sockets' };
    return undefined;
  }

  /** Take a slot for the socket and count what it sends; `onOverflow` runs once when it sends too much. */
  admit(address: string, socket: Duplex, onOverflow: (budget: number) => void): PendingHandshake {
    this.pending += 1;
    this.byAddress.set(address, (this.byAddress.get(address) ?? 0) + 1);
    let budget = helloBudgetBytes;
    let received = 0;
    let counting = true;
    let slotHeld = true;
    const freeSlot = () => {
      if (!slotHeld) return;
      slotHeld = false;
      this.pending -= 1;
      const left = (this.byAddress.get(address) ?? 1) - 1;
      if (left > 0) this.byAddress.set(address, left);
      else this.byAddress.delete(address);
    };
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (!counting || received <= budget) return;
      counting = false;
      socket.off('data', count);
      onOverflow(budget);
    };
    // Ahead of the WebSocket parser's own listener: each chunk is counted before it is parsed.
    socket.prependListener('data', count);
    socket.once('close', freeSlot);
    return {
      authenticated: () => {
        counting = false;
        socket.off('data', count);
        freeSlot();
      },
      refused: () => {
        received = 0;
        budget = closeFrameBudgetBytes;
      },
    };
  }
}

/** Turn an upgrade request away with a plain HTTP status before any WebSocket exists. */
export function refuseUpgrade(socket: Duplex, status: 429 | 503, reason: string): void {
  const text = status === 429 ? 'Too Many Requests' : 'Service Unavailable';
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nRetry-After: 5\r\n` +
      `Content-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}
