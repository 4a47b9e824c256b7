import Docker from 'dockerode';

/**
 * A dockerode client for a socket path (`/var/run/docker.sock`), a `unix://` or `tcp://` URL,
 * or — when nothing is given — whatever DOCKER_HOST says (docker-modem reads it).
 */
export function createDockerClient(dockerSocket?: string): Docker {
  if (!dockerSocket) return new Docker();
  if (dockerSocket.startsWith('/')) return new Docker({ socketPath: dockerSocket });
  if (dockerSocket.startsWith('unix://'))
    return new Docker({ socketPath: dockerSocket.slice('unix://'.length) });
  if (dockerSocket.startsWith('tcp://') || dockerSocket.startsWith('http://')) {
    const url = new URL(dockerSocket.replace(/^tcp:/, 'http:'));
    return new Docker({ host: url.hostname, port: Number(url.port || 2375), protocol: 'http' });
  }
  throw new Error(
    `unsupported docker socket "${dockerSocket}" (use a path, unix://… or tcp://host:port)`,
  );
}
