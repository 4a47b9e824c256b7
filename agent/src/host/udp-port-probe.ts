import dgram from 'node:dgram';

/**
 * True when another process already holds host UDP `port`: we try to bind it ourselves on
 * 0.0.0.0 (as Docker would publish it) and let go at once.
 */
export function isUdpPortInUse(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: false });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      socket.close();
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') resolve(true);
      else reject(err);
    });
    socket.bind({ port, address: '0.0.0.0', exclusive: true }, () => {
      socket.close(() => resolve(false));
    });
  });
}
