import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { ListServersResponse, ServerActionResponse, type Server } from '@contract/http/servers';
import { startAgent, type RunningAgent } from '../agent/src/start-agent';
import {
  cleanupContainers,
  containersOf,
  docker,
  dockerMaybe,
  dockerUp,
  freePorts,
  snapshotDir,
  tempDataPath,
  testDataRoot,
  testImage,
} from '../agent/src/testing/docker-cli';
import { startPrivateRegistry, type PrivateRegistry } from '../agent/src/testing/private-registry';
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
 * Image pinning with the real manager and the real agent on the real Docker engine: a recreate
 * brings back exactly the image that ran — not what the tag points to today — from the local
 * store, else pulled by digest, else IMAGE_UNAVAILABLE. The images live in a private registry
 * this file starts and stops: the shared one on 127.0.0.1:5000 is used by other runs, so its
 * tags are never pushed over and it is never stopped.
 */
let manager: RunningManager;
let agent: RunningAgent;
let admin: ApiClient;
let agentId: string;
const managerDir = mkdtempSync(path.join(tmpdir(), 'zedops-pin-stack-'));
const stateDir = mkdtempSync(path.join(tmpdir(), 'zedops-pin-agent-'));
let dataPath: string;
let registry: PrivateRegistry;
/** `127.0.0.1:<port>/zedops/pin-test`: the repository of every server in this file. */
let repo: string;
const serverIds: string[] = [];
const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;

beforeAll(async () => {
  dockerUp('--no-image');
  dataPath = tempDataPath();
  registry = await startPrivateRegistry();
  repo = `${registry.address}/zedops/pin-test`;
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
    name: 'pin-host',
    serverDataPath: dataPath,
    defaultImage: testImage,
  });
  agentId = provisioned.agentId;
  agent = await startAgent({
    managerUrl: manager.url,
    token: provisioned.token,
    stateDir,
    defaultDataPath: dataPath,
    allowedRoots: [testDataRoot],
    logger: quiet,
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
  await registry?.cleanup();
  for (const dir of [managerDir, stateDir, dataPath]) {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

const t = () => ({ admin }) as TestManager;
const serverDir = (s: Server) => path.join(dataPath, s.name);
const worldOf = (s: Server) =>
  readFileSync(path.join(serverDir(s), 'data/Saves/Multiplayer/world.txt'), 'utf8');
/** Every file of the server's folder (bin/ and data/) but the fake game's boot log (one line per boot). */
const folderFiles = (s: Server) => {
  const files = snapshotDir(serverDir(s));
  files.delete('data/boot.log');
  return [...files];
};
const imageOfContainer = (s: Server) => {
  const ids = containersOf(s.id);
  expect(ids).toHaveLength(1);
  return docker('inspect', '--format', '{{.Image}}', ids[0]!);
};

let serial = 0;
/** A server on `repo:tag`, running, its world written and its image pinned. */
async function createServer(tag: string): Promise<Server> {
  const name = `pin${runId}${serial++}`;
  const reply = await admin.expect(
    202,
    ServerActionResponse,
    'POST',
    apiPaths.agentServers(agentId),
    { name, image: repo, imageTag: tag, config: { SERVER_NAME: name }, ...(await freePorts()) },
  );
  serverIds.push(reply.server.id);
  const op = await waitForOperation(t(), reply.operation.id, 60_000);
  expect(op.error).toBeUndefined();
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

/** Removes the server's container by hand and waits until the manager shows it missing. */
async function makeMissing(s: Server): Promise<void> {
  for (const id of containersOf(s.id)) docker('rm', '-f', id);
  await waitFor(
    async () => (await sync()).find((x) => x.id === s.id)?.status === 'missing',
    20_000,
  );
}

async function recreate(s: Server) {
  const reply = await admin.expect(
    202,
    ServerActionResponse,
    'POST',
    apiPaths.serverAction(agentId, s.id, 'recreate'),
    {},
  );
  return waitForOperation(t(), reply.operation.id, 60_000);
}

describe('image pinning on real Docker', () => {
  it('a recreate after the tag was pushed to a new image brings back the old image', async () => {
    const pinned = registry.pushVariant(`${repo}:moved`);
    const server = await createServer('moved');
    expect(server.imageId).toBe(pinned);
    expect(server.imageDigest).toMatch(/^sha256:/);
    expect(imageOfContainer(server)).toBe(pinned);
    const world = worldOf(server);
    const files = folderFiles(server);

    const moved = registry.pushVariant(`${repo}:moved`);
    expect(moved).not.toBe(pinned);
    expect(docker('image', 'inspect', '--format', '{{.Id}}', `${repo}:moved`)).toBe(moved);
    await makeMissing(server);

    const op = await recreate(server);
    expect(op.error).toBeUndefined();
    expect(op.state).toBe('succeeded');
    const after = await getServer(t(), server.id);
    expect(after).toMatchObject({ status: 'running', imageId: pinned });
    expect(imageOfContainer(server)).toBe(pinned);
    expect(worldOf(server)).toBe(world);
    expect(folderFiles(server)).toEqual(files);
  });

  it('a removed local image is pulled by digest, and is IMAGE_UNAVAILABLE when the registry is down', async () => {
    const pinned = registry.pushVariant(`${repo}:gone`);
    const server = await createServer('gone');
    expect(server.imageId).toBe(pinned);
    const digest = server.imageDigest;
    expect(digest).toMatch(/^sha256:/);
    const world = worldOf(server);
    const files = folderFiles(server);

    // Gone from the host (tag and all), still in the registry: pulled back by its digest.
    await makeMissing(server);
    docker('rmi', '-f', pinned);
    expect(dockerMaybe('image', 'inspect', pinned)).toBeNull();
    const pulled = await recreate(server);
    expect(pulled.error).toBeUndefined();
    expect(pulled.state).toBe('succeeded');
    expect(await getServer(t(), server.id)).toMatchObject({
      status: 'running',
      imageId: pinned,
      imageDigest: digest,
    });
    expect(imageOfContainer(server)).toBe(pinned);
    expect(docker('image', 'inspect', '--format', '{{json .RepoDigests}}', pinned)).toContain(
      `${repo}@${digest}`,
    );
    expect(worldOf(server)).toBe(world);
    expect(folderFiles(server)).toEqual(files);

    // Gone from the host and the registry down: no container, no other image, the world as it was.
    await makeMissing(server);
    await registry.stop();
    docker('rmi', '-f', pinned);
    const failed = await recreate(server);
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('IMAGE_UNAVAILABLE');
    expect(failed.error?.message).toContain(`${repo}:gone`);
    expect(failed.error?.message).toContain(pinned.replace(/^sha256:/, '').slice(0, 12));
    expect(await getServer(t(), server.id)).toMatchObject({
      status: 'missing',
      imageId: pinned,
      imageDigest: digest,
    });
    expect(containersOf(server.id)).toEqual([]);
    expect(dockerMaybe('image', 'inspect', pinned)).toBeNull();
    expect(worldOf(server)).toBe(world);
    expect(folderFiles(server)).toEqual(files);
  });
});
