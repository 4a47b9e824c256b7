import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { agentSocketPath } from '@contract/agent-protocol';

/** What a hand-driven agent socket saw before it closed. */
export interface RawOutcome {
  /** HTTP status of the upgrade answer (101 when the WebSocket was accepted). */
  status: number;
  /** Close code of the first close frame the manager sent, if any. */
  closeCode: number | undefined;
  /** Text frames the manager sent before closing (a `welcome` would be one). */
  texts: string[];
}

/**
 * An agent socket driven byte by byte over plain TCP, for hostile-client tests: it can declare a
 * frame of any size and stream its payload from one shared buffer, so 300 of them cost the test
 * process almost nothing while the manager sees 300 × 8 MiB on the wire.
 */
export class RawAgentSocket {
  private received = Buffer.alloc(0);
  private headerEnd = -1;
  readonly closed: Promise<RawOutcome>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
    });
    socket.on('error', () => undefined); // resets are expected: the manager cuts hostile sockets
    this.closed = new Promise((resolve) => socket.once('close', () => resolve(this.outcome())));
  }

  /** Open TCP, send the upgrade request and wait for the HTTP answer's header. */
  static async open(
    managerUrl: string,
    options: { localAddress?: string } = {},
  ): Promise<RawAgentSocket> {
    const url = new URL(managerUrl);
    const socket = connect({
      host: url.hostname,
      port: Number(url.port),
      localAddress: options.localAddress,
    });
    const raw = new RawAgentSocket(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    socket.write(
      `GET ${agentSocketPath} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
        `Sec-WebSocket-Version: 13\r\n\r\n`,
    );
    await new Promise<void>((resolve) => {
      const check = () => {
        raw.headerEnd = raw.received.indexOf('\r\n\r\n');
        if (raw.headerEnd >= 0 || socket.destroyed) {
          socket.off('data', check);
          socket.off('close', check);
          resolve();
        }
      };
      socket.on('data', check);
      socket.on('close', check);
    });
    return raw;
  }

  /** HTTP status of the upgrade answer. */
  get status(): number {
    return Number(/^HTTP\/1\.1 (\d{3})/.exec(this.received.toString('latin1'))?.[1] ?? 0);
  }

  /** Send one masked text frame. */
  sendText(text: string): void {
    const payload = Buffer.from(text);
    this.socket.write(Buffer.concat([frameHeader(payload.length), payload]));
  }

  /**
   * Declare one text frame of `length` bytes and stream its payload (garbage from a shared
   * buffer) until it is all written or the manager closes the socket.
   */
  async sendHugeFrame(length: number): Promise<void> {
    this.socket.write(frameHeader(length));
    for (let left = length; left > 0 && !this.socket.destroyed; left -= filler.length) {
      const chunk = left >= filler.length ? filler : filler.subarray(0, left);
      if (!this.socket.write(chunk))
        await new Promise<void>((resolve) => {
          this.socket.once('drain', resolve);
          this.socket.once('close', resolve);
        });
    }
  }

  /** Wait until the manager has sent bytes containing `text` (or closed the socket). */
  async waitForText(text: string): Promise<void> {
    while (!this.received.includes(text) && !this.socket.destroyed)
      await new Promise((resolve) => {
        this.socket.once('data', resolve);
        this.socket.once('close', resolve);
      });
  }

  /** Close from our side. */
  destroy(): void {
    this.socket.destroy();
  }

  private outcome(): RawOutcome {
    const texts: string[] = [];
    let closeCode: number | undefined;
    let at = this.headerEnd >= 0 ? this.headerEnd + 4 : this.received.length;
    // Server frames are unmasked; read them until the first close frame or the end.
    while (at + 2 <= this.received.length && closeCode === undefined) {
      const opcode = this.received[at]! & 0x0f;
      let length = this.received[at + 1]! & 0x7f;
      let start = at + 2;
      if (length === 126) {
        length = this.received.readUInt16BE(at + 2);
        start = at + 4;
      } else if (length === 127) {
        length = Number(this.received.readBigUInt64BE(at + 2));
        start = at + 10;
      }
      if (start + length > this.received.length) break;
      const payload = this.received.subarray(start, start + length);
      if (opcode === 0x1) texts.push(payload.toString());
      if (opcode === 0x8) closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      at = start + length;
    }
    return { status: this.status, closeCode, texts };
  }
}

const filler = Buffer.alloc(64 * 1024, 0x61);
const zeroMask = Buffer.alloc(4); // a zero mask leaves the payload as is: no per-socket copy

/** Client → server text frame header (FIN, masked) for a payload of `length` bytes. */
function frameHeader(length: number): Buffer {
  if (length < 126) return Buffer.concat([Buffer.from([0x81, 0x80 | length]), zeroMask]);
  if (length < 65536) {
    const h = Buffer.from([0x81, 0x80 | 126, 0, 0]);
    h.writeUInt16BE(length, 2);
    return Buffer.concat([h, zeroMask]);
  }
  const h = Buffer.alloc(10);
  h[0] = 0x81;
  h[1] = 0x80 | 127;
  h.writeBigUInt64BE(BigInt(length), 2);
  return Buffer.concat([h, zeroMask]);
}
