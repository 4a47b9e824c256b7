import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A unix socket in front of the real engine's that notes every request line passing through. */
export interface RecordingEngineProxy {
  socketPath: string;
  /** `GET /_ping`, `GET /version`… in the order they reached the engine. */
  requests: string[];
  /** Refusing drops every open connection and each new one at once: an engine that went away. */
  refuse(refusing: boolean): void;
  close(): Promise<void>;
}

export async function startRecordingEngineProxy(
  engineSocket: string,
): Promise<RecordingEngineProxy> {
  const dir = mkdtempSync(path.join(tmpdir(), 'zedops-engine-proxy-'));
  const socketPath = path.join(dir, 'docker.sock');
  const requests: string[] = [];
  const open = new Set<Socket>();
  let refusing = false;
  const track = (socket: Socket, peer: () => Socket) => {
    open.add(socket);
    // Either side going away takes the other with it.
    socket.on('close', () => {
      open.delete(socket);
      peer().destroy();
    });
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    if (refusing) return void client.destroy();
    const engine = connect(engineSocket);
    track(client, () => engine);
    track(engine, () => client);
    // Request lines are read from what the client sends; a line split across reads is joined.
    let pending = '';
    client.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('latin1')).split('\r\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const request = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/.exec(line);
        if (request) requests.push(`${request[1]} ${request[2]}`);
      }
    });
    client.pipe(engine).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    requests,
    refuse(on) {
      refusing = on;
      if (on) for (const socket of open) socket.destroy();
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
