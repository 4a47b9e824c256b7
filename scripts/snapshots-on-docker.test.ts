import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
import { containersOf, docker, snapshotDir, testImage } from '../agent/src/testing/docker-cli';
import { getServer, waitFor, waitForOperation } from '../manager/src/testing/harness';
import { startDockerStack, type DockerStack } from './testing/docker-stack';

/**
 * Snapshots, the fingerprint guard and rollback with the real manager and the real agent on the
 * real Docker engine. Every test checks the server's folder is as it was, unless the user asked
 * for a change (and then that the change is exactly the one asked for).
 */
let stack: DockerStack;
/** The agent's default snapshot root, `{default data path}/.zedops-snapshots`. */
let snapshotRoot: string;

beforeAll(async () => {
  stack = await startDockerStack({ hostName: 'snapshot-host' });
  snapshotRoot = path.join(stack.dataPath, '.zedops-snapshots');
});

afterAll(() => stack?.stop());

const archiveOf = (s: Pick<Server, 'name'>, id: string) =>
  path.join(snapshotRoot, s.name, `${id}.tar.gz`);
const containerOf = (s: Server) => {
  const ids = containersOf(s.id);
  expect(ids.length).toBeLessThanOrEqual(1);
  return ids[0];
};

let serial = 0;
const createServer = () =>
  stack.createServer({ name: `sn${Date.now().toString(36)}${serial++}`, imageTag: 'latest' });

async function run(method: string, url: string, body?: unknown) {
  const reply = await stack.admin.expect(202, ServerActionResponse, method, url, body);
  return waitForOperation(stack.t(), reply.operation.id, 90_000);
}
const snapshotNow = async (s: Server) => {
  const op = await run('POST', apiPaths.takeSnapshot(stack.agentId, s.id), {});
  expect(op.error).toBeUndefined();
  return op.snapshotId!;
};
const snapshots = async (s: Server): Promise<Snapshot[]> =>
  (await stack.admin.expect(200, ListSnapshotsResponse, 'GET', apiPaths.serverSnapshots(s.id)))
    .snapshots;
const action = (s: Server, name: string, body: unknown = {}) =>
  run('POST', apiPaths.serverAction(stack.agentId, s.id, name), body);
const emptySaves = (s: Server) => {
  rmSync(path.join(stack.serverDir(s), 'data/Saves'), { recursive: true, force: true });
  mkdirSync(path.join(stack.serverDir(s), 'data/Saves'));
};
const removeContainer = async (s: Server) => {
  for (const id of containersOf(s.id)) docker('rm', '-f', id);
  await waitFor(async () => (await getServer(stack.t(), s.id)).status === 'missing', 20_000);
};

describe('snapshots on real Docker', () => {
  it('a manual snapshot is ready and verified, with the archive’s size on disk, and touches nothing', async () => {
    const server = await createServer();
    const files = stack.folderFiles(server);
    const id = await snapshotNow(server);
    const [snapshot] = await snapshots(server);
    expect(snapshot).toMatchObject({ id, reason: 'manual', status: 'ready', verified: true });
    expect(snapshot!.sizeBytes).toBe(statSync(archiveOf(server, id)).size);
    // world.txt, boot.log and the marker, at least; bin/ is never archived.
    expect(snapshot!.fileCount).toBeGreaterThanOrEqual(3);
    expect(stack.folderFiles(server)).toEqual(files);
    expect((await getServer(stack.t(), server.id)).status).toBe('running');
  });

  it('a rebuild leaves a before-rebuild snapshot and the same world', async () => {
    const server = await createServer();
    const world = stack.worldOf(server);
    const files = stack.folderFiles(server);
    expect((await action(server, 'rebuild')).error).toBeUndefined();
    const [snapshot] = await snapshots(server);
    expect(snapshot).toMatchObject({ reason: 'before-rebuild', status: 'ready', verified: true });
    expect(existsSync(archiveOf(server, snapshot!.id))).toBe(true);
    expect(stack.worldOf(server)).toBe(world);
    expect(stack.folderFiles(server)).toEqual(files);
  });

  it('a new tag takes effect at the next rebuild, which snapshots before-image-change', async () => {
    const server = await createServer();
    const world = stack.worldOf(server);
    const files = stack.folderFiles(server);
    await stack.admin.expect(
      200,
      ServerResponse,
      'PATCH',
      apiPaths.agentServer(stack.agentId, server.id),
      {
        imageTag: 'v2',
      },
    );
    expect(await snapshots(server)).toEqual([]); // a PATCH alone changes no container
    expect((await action(server, 'rebuild')).error).toBeUndefined();
    expect((await snapshots(server))[0]).toMatchObject({
      reason: 'before-image-change',
      status: 'ready',
    });
    const image = JSON.parse(docker('inspect', containerOf(server)!))[0].Config.Image as string;
    expect(image).toBe(`${testImage}:v2`);
    expect(stack.worldOf(server)).toBe(world);
    expect(stack.folderFiles(server)).toEqual(files);
  });

  it('a failing automatic snapshot blocks the rebuild: SNAPSHOT_FAILED, same container, same data', async () => {
    const server = await createServer();
    const files = stack.folderFiles(server);
    const container = containerOf(server);
    // The server's snapshot folder is a regular file: no write can get past that, root or not.
    mkdirSync(snapshotRoot, { recursive: true });
    writeFileSync(path.join(snapshotRoot, server.name), 'not a folder');
    try {
      const op = await action(server, 'rebuild');
      expect(op.error).toMatchObject({ code: 'SNAPSHOT_FAILED' });
      expect(containerOf(server)).toBe(container);
      expect(await getServer(stack.t(), server.id)).toMatchObject({
        status: 'running',
        containerId: container,
      });
      expect((await snapshots(server))[0]).toMatchObject({
        reason: 'before-rebuild',
        status: 'failed',
      });
      expect(stack.folderFiles(server)).toEqual(files);
    } finally {
      rmSync(path.join(snapshotRoot, server.name), { force: true });
    }
  });

  it('retention drops the oldest automatic snapshots, on disk too, and keeps manual ones', async () => {
    const server = await createServer();
    await stack.admin.expect(
      200,
      ServerResponse,
      'PATCH',
      apiPaths.agentServer(stack.agentId, server.id),
      {
        snapshotRetention: 1,
      },
    );
    const manual = await snapshotNow(server);
    const world = stack.worldOf(server);
    expect((await action(server, 'rebuild')).error).toBeUndefined();
    const [first] = await snapshots(server);
    expect((await action(server, 'rebuild')).error).toBeUndefined();
    const kept = await snapshots(server);
    expect(kept.map((s) => s.reason)).toEqual(['before-rebuild', 'manual']);
    expect(kept[1]!.id).toBe(manual);
    expect(existsSync(archiveOf(server, first!.id))).toBe(false);
    expect(existsSync(archiveOf(server, manual))).toBe(true);
    expect(stack.worldOf(server)).toBe(world);
  });
});

describe('the fingerprint guard on real Docker', () => {
  it('an emptied Saves/ refuses the recreate with both fingerprints; allowDataDivergence goes ahead', async () => {
    const server = await createServer();
    const live = await stack.admin.expect(
      200,
      CheckDataResponse,
      'GET',
      apiPaths.checkData(stack.agentId, server.id),
    );
    expect(live.fingerprint).toMatchObject({ hasSaves: true });
    expect((await getServer(stack.t(), server.id)).healthyFingerprint).toMatchObject({
      hasSaves: true,
    });
    emptySaves(server);
    await removeContainer(server);
    const files = stack.folderFiles(server);

    const res = await stack.admin.call(
      'POST',
      apiPaths.serverAction(stack.agentId, server.id, 'recreate'),
      {},
    );
    expect(res.status).toBe(409);
    const { error } = ApiErrorBody.parse(res.body);
    expect(error.code).toBe('DATA_DIVERGED');
    expect(error.details).toMatchObject({
      healthy: { hasSaves: true, fileCount: live.fingerprint!.fileCount },
      current: { hasSaves: false },
    });
    expect(containersOf(server.id)).toEqual([]);
    expect(stack.folderFiles(server)).toEqual(files);
    expect((await getServer(stack.t(), server.id)).status).toBe('missing');

    expect((await action(server, 'recreate', { allowDataDivergence: true })).error).toBeUndefined();
    expect((await getServer(stack.t(), server.id)).status).toBe('running');
    expect(containersOf(server.id)).toHaveLength(1);
  });
});

describe('rollback on real Docker', () => {
  it('brings the world back and the server runs again; the damaged world is kept as a snapshot', async () => {
    const server = await createServer();
    const world = stack.worldOf(server);
    const target = await snapshotNow(server);
    emptySaves(server);
    const op = await run('POST', apiPaths.rollback(stack.agentId, server.id), {
      snapshotId: target,
    });
    expect(op.error).toBeUndefined();
    expect(stack.worldOf(server)).toBe(world);
    expect(await getServer(stack.t(), server.id)).toMatchObject({
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
    const world = stack.worldOf(server);
    const target = await snapshotNow(server);
    await removeContainer(server);
    emptySaves(server);
    const op = await run('POST', apiPaths.rollback(stack.agentId, server.id), {
      snapshotId: target,
    });
    expect(op.error).toBeUndefined();
    expect(stack.worldOf(server)).toBe(world);
    expect((await getServer(stack.t(), server.id)).status).toBe('missing');
    expect(containersOf(server.id)).toEqual([]);
  });
});

describe('purge and snapshots on real Docker', () => {
  it('a data-removing purge snapshots first and keeps snapshots; removeSnapshots deletes them and keeps the data', async () => {
    const first = await createServer();
    const manual = await snapshotNow(first);
    const op = await run('DELETE', apiPaths.purge(stack.agentId, first.id, true));
    expect(op.error).toBeUndefined();
    expect(existsSync(stack.serverDir(first))).toBe(false);
    expect(existsSync(archiveOf(first, manual))).toBe(true);
    const kept = readFileSync(path.join(snapshotRoot, first.name, `${manual}.json`), 'utf8');
    expect(kept).toContain(first.id);
    const archives = snapshotDir(path.join(snapshotRoot, first.name));
    expect([...archives.keys()].filter((f) => f.endsWith('.tar.gz'))).toHaveLength(2); // + before-purge

    const second = await createServer();
    const files = stack.folderFiles(second);
    const theirs = await snapshotNow(second);
    const purged = await run('DELETE', apiPaths.purge(stack.agentId, second.id, false, true));
    expect(purged.error).toBeUndefined();
    expect(existsSync(archiveOf(second, theirs))).toBe(false);
    expect(stack.folderFiles(second)).toEqual(files);
  });
});
