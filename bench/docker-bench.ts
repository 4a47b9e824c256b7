import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { CreateAgentResponse } from '../contract/http/agents';
import { OperationResponse } from '../contract/http/operations';
import { apiPaths } from '../contract/http/paths';
import { ServerActionResponse, ServerResponse } from '../contract/http/servers';
import { startManagerProcess, type ManagerProcess } from './manager-process';
import { watchOperations, type OperationWatch } from './operation-watch';

export const benchImage = {
  image: process.env.ZEDOPS_BENCH_IMAGE ?? '127.0.0.1:5000/zedops/pz-test',
  tag: 'latest',
};

export interface DockerResult {
  /** `docker rm -f` → the API shows Missing, p50 ms. */
  missingP50: number;
  /** Recreate → operation succeeded (container running), p50 ms. */
  recreateP50: number;
  /** The same image, mounts and ports created and started straight through the Engine API, p50 ms. */
  rawP50: number;
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Null when no Docker engine answers. */
export async function dockerAvailable(docker = new Docker()): Promise<boolean> {
  return docker
    .ping()
    .then(() => true)
    .catch(() => false);
}

/** P1 and P2 on the real engine: a manager process, the real agent CLI, the local test image. */
export async function benchDocker(rounds: number): Promise<DockerResult> {
  const docker = new Docker();
  const work = mkdtempSync(join(tmpdir(), 'zedops-bench-docker-'));
  const dataPath = join(work, 'servers');
  mkdirSync(dataPath);
  mkdirSync(join(work, 'raw', 'bin'), { recursive: true });
  mkdirSync(join(work, 'raw', 'data'), { recursive: true });
  const m = await startManagerProcess();
  const created = await m.admin.expect(201, CreateAgentResponse, 'POST', apiPaths.agents, {
    name: 'bench-docker',
    serverDataPath: dataPath,
    defaultImage: benchImage.image,
  });
  const agent = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'agent/src/index.ts',
      '--manager',
      m.url.replace('http', 'ws'),
      `--token=${created.registrationToken}`,
      '--data-path',
      dataPath,
      '--state-dir',
      join(work, 'state'),
    ],
    { stdio: 'ignore', env: { ...process.env, LOG_LEVEL: 'error' } },
  );
  let operations: OperationWatch | undefined;
  try {
    await waitFor(async () => {
      const res = await m.admin.call('GET', apiPaths.agent(created.agent.id));
      return (res.body as { agent: { status: string } }).agent.status === 'online';
    });
    const server = await createServer(m, created.agent.id);
    // The recreate's end is awaited as the dashboard learns it (bench/operation-watch.ts).
    operations = await watchOperations(m);
    const imageId = (await docker.getImage(`${benchImage.image}:${benchImage.tag}`).inspect()).Id;
    const missing: number[] = [];
    const recreate: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const containerId = (await getServer(m, server.id)).containerId!;
      const t0 = performance.now();
      await docker.getContainer(containerId).remove({ force: true });
      await waitFor(async () => (await getServer(m, server.id)).status === 'missing');
      missing.push(performance.now() - t0);

      // Docker is slower right after a removal; which of the two goes first alternates per round.
      const rawRound = () => rawCreateStart(docker, join(work, 'raw'), 40000 + i * 2, imageId);
      if (i % 2 === 1) raw.push(await rawRound());
      const t1 = performance.now();
      const reply = ServerActionResponse.parse(
        (
          await m.admin.call(
            'POST',
            apiPaths.serverAction(created.agent.id, server.id, 'recreate'),
            {},
          )
        ).body,
      );
      await operations.ended(reply.operation.id);
      recreate.push(performance.now() - t1);

      if (i % 2 === 0) raw.push(await rawRound());
    }
    return { missingP50: p50(missing), recreateP50: p50(recreate), rawP50: p50(raw) };
  } finally {
    operations?.close();
    agent.kill('SIGTERM');
    for (const c of await docker.listContainers({
      all: true,
      filters: { label: [`zedops.server.name=bench-docker-srv`] },
    }))
      await docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined);
    await m.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The floor: what Docker itself takes to create and start the same container (own folders: the
 * world is not touched). Its config matches the agent's create field for field — the image by id
 * as a recreate pins it, three labels of the same size, the same bindings — except that the
 * labels use keys the agent does not watch, so the floor carries none of ZedOps' own work.
 */
async function rawCreateStart(
  docker: Docker,
  serverDir: string,
  port: number,
  imageId: string,
): Promise<number> {
  const t0 = performance.now();
  const container = await docker.createContainer({
    name: `zedops-bench-raw-${port}`,
    Image: imageId,
    Env: [`SERVER_DEFAULT_PORT=${port}`, `SERVER_UDP_PORT=${port + 1}`, 'RCON_PORT=27015'],
    Labels: {
      'zedops-bench.managed': 'true',
      'zedops-bench.server.id': randomUUID(),
      'zedops-bench.server.name': 'bench-docker-raw',
    },
    ExposedPorts: { [`${port}/udp`]: {}, [`${port + 1}/udp`]: {} },
    HostConfig: {
      Binds: [
        `${serverDir}/bin:/home/steam/zomboid-dedicated`,
        `${serverDir}/data:/home/steam/Zomboid`,
      ],
      // As the agent creates a server's container: Docker brings it back after a host reboot.
      RestartPolicy: { Name: 'unless-stopped' },
      PortBindings: {
        [`${port}/udp`]: [{ HostIp: '', HostPort: String(port) }],
        [`${port + 1}/udp`]: [{ HostIp: '', HostPort: String(port + 1) }],
      },
    },
  });
  await container.start();
  const ms = performance.now() - t0;
  await container.remove({ force: true });
  return ms;
}

async function createServer(m: ManagerProcess, agentId: string) {
  const reply = await m.admin.expect(
    202,
    ServerActionResponse,
    'POST',
    apiPaths.agentServers(agentId),
    {
      name: 'bench-docker-srv',
      imageTag: benchImage.tag,
      gamePort: 39000,
    },
  );
  await waitForOperation(m, reply.operation.id);
  return reply.server;
}

async function getServer(m: ManagerProcess, id: string) {
  return ServerResponse.parse((await m.admin.call('GET', apiPaths.server(id))).body).server;
}

async function waitForOperation(m: ManagerProcess, id: string): Promise<void> {
  await waitFor(async () => {
    const op = OperationResponse.parse(
      (await m.admin.call('GET', apiPaths.operation(id))).body,
    ).operation;
    if (op.state === 'failed') throw new Error(`operation failed: ${JSON.stringify(op.error)}`);
    return op.state === 'succeeded';
  });
}

async function waitFor(probe: () => Promise<boolean>, limitMs = 60_000): Promise<void> {
  const t0 = performance.now();
  while (!(await probe())) {
    if (performance.now() - t0 > limitMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
