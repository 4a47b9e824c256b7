import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse, type Server } from '@contract/http/servers';
import { containersOf, docker, dockerMaybe } from '../agent/src/testing/docker-cli';
import { startPrivateRegistry, type PrivateRegistry } from '../agent/src/testing/private-registry';
import { getServer, waitFor, waitForOperation } from '../manager/src/testing/harness';
import { startDockerStack, type DockerStack } from './testing/docker-stack';

/**
 * Image pinning with the real manager and the real agent on the real Docker engine: a recreate
 * brings back exactly the image that ran — not what the tag points to today — from the local
 * store, else pulled by digest, else IMAGE_UNAVAILABLE. The images live in a private registry
 * this file starts and stops: the shared one on 127.0.0.1:5000 is used by other runs, so its
 * tags are never pushed over and it is never stopped.
 */
let stack: DockerStack;
let registry: PrivateRegistry;
/** `127.0.0.1:<port>/zedops/pin-test`: the repository of every server in this file. */
let repo: string;
const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;

beforeAll(async () => {
  stack = await startDockerStack({ hostName: 'pin-host' });
  registry = await startPrivateRegistry();
  repo = `${registry.address}/zedops/pin-test`;
});

afterAll(async () => {
  await stack?.stop();
  await registry?.cleanup();
});

const imageOfContainer = (s: Server) => {
  const ids = containersOf(s.id);
  expect(ids).toHaveLength(1);
  return docker('inspect', '--format', '{{.Image}}', ids[0]!);
};

let serial = 0;
/** A server on `repo:tag`, running, its world written and its image pinned. */
const createServer = (tag: string) => {
  const name = `pin${runId}${serial++}`;
  return stack.createServer({ name, image: repo, imageTag: tag, config: { SERVER_NAME: name } });
};

/** Removes the server's container by hand and waits until the manager shows it missing. */
async function makeMissing(s: Server): Promise<void> {
  for (const id of containersOf(s.id)) docker('rm', '-f', id);
  await waitFor(
    async () => (await stack.sync()).find((x) => x.id === s.id)?.status === 'missing',
    20_000,
  );
}

async function recreate(s: Server) {
  const reply = await stack.admin.expect(
    202,
    ServerActionResponse,
    'POST',
    apiPaths.serverAction(stack.agentId, s.id, 'recreate'),
    {},
  );
  return waitForOperation(stack.t(), reply.operation.id, 60_000);
}

describe('image pinning on real Docker', () => {
  it('a recreate after the tag was pushed to a new image brings back the old image', async () => {
    const pinned = registry.pushVariant(`${repo}:moved`);
    const server = await createServer('moved');
    expect(server.imageId).toBe(pinned);
    expect(server.imageDigest).toMatch(/^sha256:/);
    expect(imageOfContainer(server)).toBe(pinned);
    const world = stack.worldOf(server);
    const files = stack.folderFiles(server);

    const moved = registry.pushVariant(`${repo}:moved`);
    expect(moved).not.toBe(pinned);
    expect(docker('image', 'inspect', '--format', '{{.Id}}', `${repo}:moved`)).toBe(moved);
    await makeMissing(server);

    const op = await recreate(server);
    expect(op.error).toBeUndefined();
    expect(op.state).toBe('succeeded');
    const after = await getServer(stack.t(), server.id);
    expect(after).toMatchObject({ status: 'running', imageId: pinned });
    expect(imageOfContainer(server)).toBe(pinned);
    expect(stack.worldOf(server)).toBe(world);
    expect(stack.folderFiles(server)).toEqual(files);
  });

  it('a removed local image is pulled by digest, and is IMAGE_UNAVAILABLE when the registry is down', async () => {
    const pinned = registry.pushVariant(`${repo}:gone`);
    const server = await createServer('gone');
    expect(server.imageId).toBe(pinned);
    const digest = server.imageDigest;
    expect(digest).toMatch(/^sha256:/);
    const world = stack.worldOf(server);
    const files = stack.folderFiles(server);

    // Gone from the host (tag and all), still in the registry: pulled back by its digest.
    await makeMissing(server);
    docker('rmi', '-f', pinned);
    expect(dockerMaybe('image', 'inspect', pinned)).toBeNull();
    const pulled = await recreate(server);
    expect(pulled.error).toBeUndefined();
    expect(pulled.state).toBe('succeeded');
    expect(await getServer(stack.t(), server.id)).toMatchObject({
      status: 'running',
      imageId: pinned,
      imageDigest: digest,
    });
    expect(imageOfContainer(server)).toBe(pinned);
    expect(docker('image', 'inspect', '--format', '{{json .RepoDigests}}', pinned)).toContain(
      `${repo}@${digest}`,
    );
    expect(stack.worldOf(server)).toBe(world);
    expect(stack.folderFiles(server)).toEqual(files);

    // Gone from the host and the registry down: no container, no other image, the world as it was.
    await makeMissing(server);
    await registry.stop();
    docker('rmi', '-f', pinned);
    const failed = await recreate(server);
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('IMAGE_UNAVAILABLE');
    expect(failed.error?.message).toContain(`${repo}:gone`);
    expect(failed.error?.message).toContain(pinned.replace(/^sha256:/, '').slice(0, 12));
    expect(await getServer(stack.t(), server.id)).toMatchObject({
      status: 'missing',
      imageId: pinned,
      imageDigest: digest,
    });
    expect(containersOf(server.id)).toEqual([]);
    expect(dockerMaybe('image', 'inspect', pinned)).toBeNull();
    expect(stack.worldOf(server)).toBe(world);
    expect(stack.folderFiles(server)).toEqual(files);
  });
});
