import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { apiPaths } from '@contract/http/paths';
import {
  CheckDataResponse,
  ServerActionResponse,
  ServerResponse,
  type Server,
} from '@contract/http/servers';
import { ListSnapshotsResponse, type Snapshot } from '@contract/http/snapshots';
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
 * Snapshots, the fingerprint guard and rollback with the real manager and the real agent on the
 * real Docker engine. Every test checks the server's folder is as it was, unless the user asked
 * for a change (and then that the change is exactly the one asked for).
 */
let manager: RunningManager;
let agent: RunningAgent;
let admin: ApiClient;
let agentId: string;
const managerDir = mkdtempSync(path.join(tmpdir(), 'zedops-snap-stack-'));
const stateDir = mkdtempSync(path.join(tmpdir(), 'zedops-snap-agent-'));
let dataPath: string;
/** The agent's default snapshot root, `{default data path}/.zedops-snapshots`. */
let snapshotRoot: string;
const serverIds: string[] = [];

beforeAll(async () => {
  dockerUp('--no-image');
  dataPath = tempDataPath();
  snapshotRoot = path.join(dataPath, '.zedops-snapshots');
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
    name: 'snapshot-host',
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
  for (const dir of [managerDir, stateDir, dataPath]) rmSync(dir, { recursive: true, force: true });
});

const t = () => ({ admin }) as TestManager;
const serverDir = (s: Pick<Server, 'name'>) => path.join(dataPath, s.name);
const worldFile = (s: Pick<Server, 'name'>) =>
  path.join(serverDir(s), 'data/Saves/Multiplayer/world.txt');
const worldOf = (s: Pick<Server, 'name'>) => readFileSync(worldFile(s), 'utf8');
const archiveOf = (s: Pick<Server, 'name'>, id: string) =>
  path.join(snapshotRoot, s.name, `${id}.tar.gz`);
/** Every file of the server's folder (bin/ and data/) but the fake game's boot log (one line per boot). */
const folderFiles = (s: Pick<Server, 'name'>) => {
  const files = snapshotDir(serverDir(s));
  files.delete('data/boot.log');
  return [...files];
};
const containerOf = (s: Server) => {
  const ids = containersOf(s.id);
  expect(ids.length).toBeLessThanOrEqual(1);
  return ids[0];
};

let serial = 0;
async function createServer(): Promise<Server> {
  const name = `sn${Date.now().toString(36)}${serial++}`;
  const reply = await admin.expect(
    202,
    ServerActionResponse,
    'POST',
    apiPaths.agentServers(agentId),
    {
      name,
      imageTag: 'latest',
      ...(await freePorts()),
    },
  );
  serverIds.push(reply.server.id);
  const op = await waitForOperation(t(), reply.operation.id, 60_000);
  expect(op.error).toBeUndefined();
  await waitFor(
    () => existsSync(worldFile(reply.server)) && worldOf(reply.server).length > 0,
    20_000,
  );
  return getServer(t(), reply.server.id);
}

async function run(method: string, url: string, body?: unknown) {
  const reply = await admin.expect(202, ServerActionResponse, method, url, body);
  return waitForOperation(t(), reply.operation.id, 90_000);
}
const snapshotNow = async (s: Server) => {
  const op = await run('POST', apiPaths.takeSnapshot(agentId, s.id), {});
  expect(op.error).toBeUndefined();
  return op.snapshotId!;
};
const snapshots = async (s: Server): Promise<Snapshot[]> =>
  (await admin.expect(200, ListSnapshotsResponse, 'GET', apiPaths.serverSnapshots(s.id))).snapshots;
const action = (s: Server, name: string, body: unknown = {}) =>
  run('POST', apiPaths.serverAction(agentId, s.id, name), body);
const emptySaves = (s: Server) => {
  rmSync(path.join(serverDir(s), 'data/Saves'), { recursive: true, force: true });
  mkdirSync(path.join(serverDir(s), 'data/Saves'));
};
const removeContainer = async (s: Server) => {
  for (const id of containersOf(s.id)) docker('rm', '-f', id);
  await waitFor(async () => (await getServer(t(), s.id)).status === 'missing', 20_000);
};

describe('snapshots on real Docker', () => {
  it('a manual snapshot is ready and verified, with the archive’s size on disk, and touches nothing', async () => {
    const server = await createServer();
    const files = folderFiles(server);
    const id = await snapshotNow(server);
    const [snapshot] = await snapshots(server);
    expect(snapshot).toMatchObject({ id, reason: 'manual', status: 'ready', verified: true });
    expect(snapshot!.sizeBytes).toBe(statSync(archiveOf(server, id)).size);
    // world.txt, boot.log and the marker, at least; bin/ is never archived.
    expect(snapshot!.fileCount).toBeGreaterThanOrEqual(3);
    expect(folderFiles(server)).toEqual(files);
    expect((await getServer(t(), server.id)).status).toBe('running');
  });

  it('a rebuild leaves a before-rebuild snapshot and the same world', async () => {
    const server = await createServer();
    const world = worldOf(server);
    const files = folderFiles(server);
    expect((await action(server, 'rebuild')).error).toBeUndefined();
    const [snapshot] = await snapshots(server);
    expect(snapshot).toMatchObject({ reason: 'before-rebuild', status: 'ready', verified: true });
    expect(existsSync(archiveOf(server, snapshot!.id))).toBe(true);
    expect(worldOf(server)).toBe(world);
    expect(folderFiles(server)).toEqual(files);
  });

  it('a new tag takes effect at the next rebuild, which snapshots before-image-change', async () => {
    const server = await createServer();
    const world = worldOf(server);
    const files = folderFiles(server);
    await admin.expect(200, ServerResponse, 'PATCH', apiPaths.agentServer(agentId, server.id), {
      imageTag: 'v2',
    });
    expect(await snapshots(server)).toEqual([]); // a PATCH alone changes no container
    expect((await action(server, 'rebuild')).error).toBeUndefined();
    expect((await snapshots(server))[0]).toMatchObject({
      reason: 'before-image-change',
      status: 'ready',
    });
    const image = JSON.parse(docker('inspect', containerOf(server)!))[0].Config.Image as string;
    expect(image).toBe(`${testImage}:v2`);
    expect(worldOf(server)).toBe(world);
    expect(folderFiles(server)).toEqual(files);
  });

  it('a failing automatic snapshot blocks the rebuild: SNAPSHOT_FAILED, same container, same data', async () => {
    const server = await createServer();
    const files = folderFiles(server);
    const container = containerOf(server);
    // The server's snapshot folder is a regular file: no write can get past that, root or not.
    mkdirSync(snapshotRoot, { recursive: true });
    writeFileSync(path.join(snapshotRoot, server.name), 'not a folder');
    try {
      const op = await action(server, 'rebuild');
      expect(op.error).toMatchObject({ code: 'SNAPSHOT_FAILED' });
      expect(containerOf(server)).toBe(container);
      expect(await getServer(t(), server.id)).toMatchObject({
        status: 'running',
        containerId: container,
      });
      expect((await snapshots(server))[0]).toMatchObject({
        reason: 'before-rebuild',
        status: 'failed',
      });
      expect(folderFiles(server)).toEqual(files);
    } finally {
      rmSync(path.join(snapshotRoot, server.name), { force: true });
    }
  });

  it('retention drops the oldest automatic snapshots, on disk too, and keeps manual ones', async () => {
    const server = await createServer();
    await admin.expect(200, ServerResponse, 'PATCH', apiPaths.agentServer(agentId, server.id), {
      snapshotRetention: 1,
    });
    const manual = await snapshotNow(server);
    const world = worldOf(server);
    expect((await action(server, 'rebuild')).error).toBeUndefined();
    const [first] = await snapshots(server);
    expect((await action(server, 'rebuild')).error).toBeUndefined();
    const kept = await snapshots(server);
    expect(kept.map((s) => s.reason)).toEqual(['before-rebuild', 'manual']);
    expect(kept[1]!.id).toBe(manual);
    expect(existsSync(archiveOf(server, first!.id))).toBe(false);
    expect(existsSync(archiveOf(server, manual))).toBe(true);
    expect(worldOf(server)).toBe(world);
  });
});

describe('the fingerprint guard on real Docker', () => {
  it('an emptied Saves/ refuses the recreate with both fingerprints; allowDataDivergence goes ahead', async () => {
    const server = await createServer();
    const live = await admin.expect(
      200,
      CheckDataResponse,
      'GET',
      apiPaths.checkData(agentId, server.id),
    );
    expect(live.fingerprint).toMatchObject({ hasSaves: true });
    expect((await getServer(t(), server.id)).healthyFingerprint).toMatchObject({ hasSaves: true });
    emptySaves(server);
    await removeContainer(server);
    const files = folderFiles(server);

    const res = await admin.call('POST', apiPaths.serverAction(agentId, server.id, 'recreate'), {});
    expect(res.status).toBe(409);
    const { error } = ApiErrorBody.parse(res.body);
    expect(error.code).toBe('DATA_DIVERGED');
    expect(error.details).toMatchObject({
      healthy: { hasSaves: true, fileCount: live.fingerprint!.fileCount },
      current: { hasSaves: false },
    });
    expect(containersOf(server.id)).toEqual([]);
    expect(folderFiles(server)).toEqual(files);
    expect((await getServer(t(), server.id)).status).toBe('missing');

    expect((await action(server, 'recreate', { allowDataDivergence: true })).error).toBeUndefined();
    expect((await getServer(t(), server.id)).status).toBe('running');
    expect(containersOf(server.id)).toHaveLength(1);
  });
});

describe('rollback on real Docker', () => {
  it('brings the world back and the server runs again; the damaged world is kept as a snapshot', async () => {
    const server = await createServer();
    const world = worldOf(server);
    const target = await snapshotNow(server);
    emptySaves(server);
    const op = await run('POST', apiPaths.rollback(agentId, server.id), { snapshotId: target });
    expect(op.error).toBeUndefined();
    expect(worldOf(server)).toBe(world);
    expect(await getServer(t(), server.id)).toMatchObject({
      status: 'running',
      healthyFingerprint: { hasSaves: true },
    });
    await waitFor(
      () => docker('inspect', '-f', '{{.State.Running}}', containerOf(server)!) === 'true',
    );
    const [before] = await snapshots(server);
    expect(before).toMatchObject({ reason: 'before-rollback', status: 'ready', verified: true });
    expect(existsSync(archiveOf(server, before!.id))).toBe(true);
  });

  it('without a container it restores the data and leaves the server missing', async () => {
    const server = await createServer();
    const world = worldOf(server);
    const target = await snapshotNow(server);
    await removeContainer(server);
    emptySaves(server);
    const op = await run('POST', apiPaths.rollback(agentId, server.id), { snapshotId: target });
    expect(op.error).toBeUndefined();
    expect(worldOf(server)).toBe(world);
    expect((await getServer(t(), server.id)).status).toBe('missing');
    expect(containersOf(server.id)).toEqual([]);
  });
});

describe('purge and snapshots on real Docker', () => {
  it('a data-removing purge snapshots first and keeps snapshots; removeSnapshots deletes them and keeps the data', async () => {
    const first = await createServer();
    const manual = await snapshotNow(first);
    const op = await run('DELETE', apiPaths.purge(agentId, first.id, true));
    expect(op.error).toBeUndefined();
    expect(existsSync(serverDir(first))).toBe(false);
    expect(existsSync(archiveOf(first, manual))).toBe(true);
    const kept = readFileSync(path.join(snapshotRoot, first.name, `${manual}.json`), 'utf8');
    expect(kept).toContain(first.id);
    const archives = snapshotDir(path.join(snapshotRoot, first.name));
    expect([...archives.keys()].filter((f) => f.endsWith('.tar.gz'))).toHaveLength(2); // + before-purge

    const second = await createServer();
    const files = folderFiles(second);
    const theirs = await snapshotNow(second);
    const purged = await run('DELETE', apiPaths.purge(agentId, second.id, false, true));
    expect(purged.error).toBeUndefined();
    expect(existsSync(archiveOf(second, theirs))).toBe(false);
    expect(folderFiles(second)).toEqual(files);
  });
});
