import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { RecoverResponse } from '@contract/http/recover';
import { ListServersResponse, ServerActionResponse, type Server } from '@contract/http/servers';
import { startAgent, type RunningAgent } from '../agent/src/start-agent';
import {
  cleanupContainers,
  containersOf,
  docker,
  dockerUp,
  freePorts,
  snapshotDir,
  tempDataPath,
  testDataRoot,
  testImage,
} from '../agent/src/testing/docker-cli';
import { startManager, type RunningManager } from '../manager/src/start-manager';
import {
  adminEmail,
  adminPassword,
  ApiClient,
  getServer,
  waitFor,
  waitForOperation,
  type TestManager,
} from '../manager/src/testing/harness';

/**
 * The real manager and the real agent on the real Docker engine, joined as the one-process
 * launcher joins them: drift seen on a container started by hand, and Recover all.
 */
let manager: RunningManager;
let agent: RunningAgent;
let admin: ApiClient;
let agentId: string;
const managerDir = mkdtempSync(path.join(tmpdir(), 'zedops-stack-'));
const stateDir = mkdtempSync(path.join(tmpdir(), 'zedops-stack-agent-'));
let dataPath: string;
const serverIds: string[] = [];
/** The agent's own log lines: which commands it was running, and when (debug level). */
const agentLog: { requestId?: string; command?: string; msg: string }[] = [];

beforeAll(async () => {
  dockerUp('--no-image');
  dataPath = tempDataPath();
  const quiet = pino({ level: 'silent' });
  manager = await startManager({
    dataDir: managerDir,
    port: 0,
    host: '127.0.0.1',
    adminEmail,
    adminPassword,
    logger: quiet,
  });
  const provisioned = await manager.provisionAgent({
    name: 'stack-host',
    serverDataPath: dataPath,
    defaultImage: testImage,
  });
  agentId = provisioned.agentId;
  const sink = { write: (line: string) => void agentLog.push(JSON.parse(line)) };
  agent = await startAgent({
    managerUrl: manager.url,
    token: provisioned.token,
    stateDir,
    defaultDataPath: dataPath,
    allowedRoots: [testDataRoot],
    logger: pino({ level: 'debug' }, sink),
  });
  admin = new ApiClient(manager.url);
  await admin.login(adminEmail, adminPassword);
  await waitFor(async () => {
    const res = await admin.call('GET', apiPaths.agent(agentId));
    return (res.body as { agent: { status: string } }).agent.status === 'online';
  }, 20_000);
});

afterAll(async () => {
  cleanupContainers(serverIds);
  await agent?.stop();
  await manager?.close();
  for (const dir of [managerDir, stateDir, dataPath]) rmSync(dir, { recursive: true, force: true });
});

/** The harness helpers need only the admin client. */
const t = () => ({ admin }) as TestManager;
const serverDir = (s: Server) => path.join(dataPath, s.name);
const worldOf = (s: Server) =>
  readFileSync(path.join(serverDir(s), 'data/Saves/Multiplayer/world.txt'), 'utf8');
/** Every file under data/ but the fake game's boot log (one line per boot). */
const dataFiles = (s: Server) => {
  const files = snapshotDir(path.join(serverDir(s), 'data'));
  files.delete('boot.log');
  return [...files];
};

let serial = 0;
async function createServer(): Promise<Server> {
  const name = `st${Date.now().toString(36)}${serial++}`;
  const reply = await admin.expect(
    202,
    ServerActionResponse,
    'POST',
    apiPaths.agentServers(agentId),
    {
      name,
      imageTag: 'latest',
      config: { SERVER_NAME: name },
      ...(await freePorts()),
    },
  );
  serverIds.push(reply.server.id);
  const op = await waitForOperation(t(), reply.operation.id, 60_000);
  expect(op.error).toBeUndefined();
  // The world exists once the fake game has booted.
  await waitFor(() => {
    try {
      return worldOf(reply.server).length > 0;
    } catch {
      return false;
    }
  }, 20_000);
  return getServer(t(), reply.server.id);
}

const sync = async () =>
  (await admin.expect(200, ListServersResponse, 'POST', apiPaths.sync(agentId))).servers;

describe('drift on real Docker', () => {
  it('a container started by hand on another port shows drift, and recreate clears it', async () => {
    const server = await createServer();
    const world = worldOf(server);
    const files = dataFiles(server);
    const [original] = containersOf(server.id);
    const env = JSON.parse(docker('inspect', original!))[0].Config.Env as string[];
    docker('rm', '-f', original!);
    const { gamePort: otherPort } = await freePorts();
    docker(
      'run',
      '-d',
      '--name',
      `steam-zomboid-${server.name}`,
      '--label',
      'zedops.managed=true',
      '--label',
      `zedops.server.id=${server.id}`,
      '--label',
      `zedops.server.name=${server.name}`,
      '-p',
      `${otherPort}:${server.gamePort}/udp`,
      '-p',
      `${server.udpPort}:${server.udpPort}/udp`,
      ...env.filter((e) => !e.startsWith('PATH=')).flatMap((e) => ['-e', e]),
      '-v',
      `${serverDir(server)}/bin:/home/steam/zomboid-dedicated`,
      '-v',
      `${serverDir(server)}/data:/home/steam/Zomboid`,
      `${testImage}:latest`,
    );

    const seen = (await sync()).find((s) => s.id === server.id)!;
    expect(seen.status).toBe('running');
    expect(seen.drift).toEqual([
      {
        field: 'ports',
        expected: `${server.gamePort}:${server.gamePort}/udp, ${server.udpPort}:${server.udpPort}/udp`,
        actual: `${otherPort}:${server.gamePort}/udp, ${server.udpPort}:${server.udpPort}/udp`,
      },
    ]);

    const reply = await admin.expect(
      202,
      ServerActionResponse,
      'POST',
      apiPaths.serverAction(agentId, server.id, 'recreate'),
      {},
    );
    const op = await waitForOperation(t(), reply.operation.id, 60_000);
    expect(op.error).toBeUndefined();
    const after = await getServer(t(), server.id);
    expect(after).toMatchObject({ status: 'running', drift: [], imageId: server.imageId });
    const containers = containersOf(server.id);
    expect(containers).toHaveLength(1);
    const bindings = JSON.parse(docker('inspect', containers[0]!))[0].HostConfig.PortBindings;
    expect(bindings[`${server.gamePort}/udp`][0].HostPort).toBe(String(server.gamePort));
    expect((await sync()).find((s) => s.id === server.id)?.drift).toEqual([]);
    expect(worldOf(server)).toBe(world);
    expect(dataFiles(server)).toEqual(files);
  });
});

describe('recover all on real Docker', () => {
  it('5 Missing servers, one without data: 4 running, 1 skipped DATA_MISSING, never more than 2 at once', async () => {
    const servers: Server[] = [];
    for (let i = 0; i < 5; i++) servers.push(await createServer());
    const worlds = servers.map(worldOf);
    const files = servers.map(dataFiles);
    for (const s of servers) for (const id of containersOf(s.id)) docker('rm', '-f', id);
    const lost = servers[3]!;
    rmSync(path.join(serverDir(lost), 'data'), { recursive: true, force: true });
    await waitFor(async () => {
      const all = await sync();
      return servers.every((s) => all.find((x) => x.id === s.id)?.status === 'missing');
    }, 20_000);
    const logFrom = agentLog.length;

    const res = await admin.call('POST', apiPaths.recover(agentId), {});
    expect(res.status).toBe(202);
    const reply = RecoverResponse.parse(res.body);
    expect(reply.skipped.map((s) => [s.serverId, s.code])).toEqual([[lost.id, 'DATA_MISSING']]);
    const recovered = servers.filter((s) => s !== lost);
    expect(reply.operations.map((op) => op.serverId).sort()).toEqual(
      recovered.map((s) => s.id).sort(),
    );
    expect(reply.operations.map((op) => op.state)).toEqual([
      'running',
      'running',
      'queued',
      'queued',
    ]);
    for (const op of reply.operations) {
      const end = await waitForOperation(t(), op.id, 120_000);
      expect(end.error).toBeUndefined();
    }

    for (const [i, s] of servers.entries()) {
      if (s === lost) continue;
      expect((await getServer(t(), s.id)).status).toBe('running');
      expect(containersOf(s.id)).toHaveLength(1);
      expect(worldOf(s)).toBe(worlds[i]);
      expect(dataFiles(s)).toEqual(files[i]);
    }
    // Never a fresh world for the one without data: no container, no data folder made.
    expect((await getServer(t(), lost.id)).status).toBe('missing');
    expect(containersOf(lost.id)).toEqual([]);
    expect(() => snapshotDir(path.join(serverDir(lost), 'data'))).toThrow();

    // From the agent's side: the container.create commands it was running at any moment.
    let running = 0;
    let most = 0;
    const creates = agentLog.slice(logFrom).filter((l) => l.command === 'container.create');
    for (const line of creates) {
      if (line.msg === 'command started') most = Math.max(most, ++running);
      else if (line.msg === 'command succeeded' || line.msg === 'command failed') running--;
    }
    expect(creates.filter((l) => l.msg === 'command started')).toHaveLength(4);
    expect(running).toBe(0);
    expect(most).toBeLessThanOrEqual(2);
    expect(most).toBeGreaterThan(0);
  });
});
