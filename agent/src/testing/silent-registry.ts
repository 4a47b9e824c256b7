import { createServer, type Socket } from 'node:net';

/** A "registry" on a loopback port that accepts connections and never says a word. */
export interface SilentRegistry {
  /** `127.0.0.1:<port>` */
  address: string;
  /** Drops every held connection and stops listening. */
  close(): Promise<void>;
}

export async function startSilentRegistry(): Promise<SilentRegistry> {
  const held = new Set<Socket>();
  const server = createServer((socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    async close() {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
