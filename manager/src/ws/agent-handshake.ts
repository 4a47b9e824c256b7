import type { Duplex } from 'node:stream';
import type pino from 'pino';
import type { RawData, WebSocket } from 'ws';
import { agentCloseCodes } from '@contract/agent-protocol';
import type { AgentConnection } from './agent-connection';
import type { HandshakeGate } from './handshake-limits';

/** What the hub does with a socket's frames, once the handshake lets them through. */
export interface AgentSocketHandlers {
  /** The one frame read before authentication: the connection, or undefined when refused (closed). */
  hello(text: string | undefined): AgentConnection | undefined;
  /** Any later frame of the authenticated connection. */
  frame(conn: AgentConnection, text: string | undefined): void;
  /** The authenticated connection's socket closed. */
  closed(conn: AgentConnection): void;
}

export interface HandshakeDeps {
  gate: HandshakeGate;
  logger: pino.Logger;
  helloTimeoutMs: number;
}

/**
 * Serve one accepted agent socket (docs/decisions/0021-agent-handshake-limits.md): before
 * authentication its raw bytes are counted against one hello frame, exactly one frame is read, and
 * after a refused hello nothing more is looked at; then frames go to the connection.
 */
export function serveAgentSocket(
  ws: WebSocket,
  socket: Duplex,
  address: string,
  deps: HandshakeDeps,
  handlers: AgentSocketHandlers,
): void {
  let conn: AgentConnection | undefined;
  let refused = false;
  const handshake = deps.gate.admit(address, socket, (budget) => {
    refused = true;
    deps.logger.warn(
      { address, budget },
      'unauthenticated agent socket sent more than one hello frame allows; dropped',
    );
    // Stop reading (the rest stays in the kernel's socket buffer), say why, then cut it.
    ws.pause();
    ws.close(1009, 'hello frame too large');
    dropAfterGrace(ws);
  });
  // Nothing is sent to this socket until its hello carries a valid token.
  const helloTimer = setTimeout(() => {
    ws.close(agentCloseCodes.helloTimeout, 'hello timeout');
    dropAfterGrace(ws);
  }, deps.helloTimeoutMs);
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (refused) return; // one hello only: nothing after a refused one is looked at
    const text = isBinary ? undefined : data.toString();
    if (conn) return handlers.frame(conn, text);
    clearTimeout(helloTimer);
    conn = handlers.hello(text);
    if (conn) return handshake.authenticated();
    refused = true;
    handshake.refused();
    dropAfterGrace(ws);
  });
  ws.on('close', () => {
    clearTimeout(helloTimer);
    if (conn) handlers.closed(conn);
  });
  ws.on('error', (err) => deps.logger.warn({ err }, 'agent socket error'));
}

/** Time a peer we closed gets to answer the close frame before its socket is cut. */
const closeGraceMs = 1000;

/** Cut the socket if the peer has not completed the close handshake in time (it holds a slot until then). */
function dropAfterGrace(ws: WebSocket): void {
  setTimeout(() => ws.terminate(), closeGraceMs).unref();
}
