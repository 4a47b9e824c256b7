import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { RebuildPreviewResponse } from '@contract/http/rebuild-preview';
import { ServerActionResponse, type Server } from '@contract/http/servers';
import { rebuildPreviewReasons } from '@contract/rebuild-preview';
import { containersOf, docker } from '../agent/src/testing/docker-cli';
import { startPrivateRegistry, type PrivateRegistry } from '../agent/src/testing/private-registry';
import { getServer, waitForOperation } from '../manager/src/testing/harness';
import { startDockerStack, type DockerStack } from './testing/docker-stack';

/**
 * The rebuild preview with the real manager and agent on the real engine: the agent asks the
 * registry (a private one of this file's own, since tags are pushed over) what the tag is now,
 * and nothing on the host changes for asking.
 */
let stack: DockerStack;
let registry: PrivateRegistry;
let repo: string;
const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;

beforeAll(async () => {
  stack = await startDockerStack({ hostName: 'preview-host' });
  registry = await startPrivateRegistry();
  repo = `${registry.address}/zedops/preview-test`;
});

afterAll(async () => {
  await stack?.stop();
  await registry?.cleanup();
});

const preview = async (s: Server) =>
  stack.admin.expect(200, RebuildPreviewResponse, 'GET', apiPaths.rebuildPreview(s.id));

/** The registry digest Docker recorded for an image pushed to `repo`. */
const digestOf = (imageId: string) =>
  (JSON.parse(docker('image', 'inspect', '--format', '{{json .RepoDigests}}', imageId)) as string[])
    .find((d) => d.startsWith(`${repo}@`))
    ?.split('@')[1];

/** What asking must not change: the container, the image it runs, the world and every file. */
const hostState = (s: Server) => {
  const ids = containersOf(s.id);
  return {
    containers: ids,
    image: ids.map((id) => docker('inspect', '--format', '{{.Image}}', id)),
    world: stack.worldOf(s),
    files: stack.folderFiles(s),
  };
};

describe('rebuild preview on real Docker', () => {
  let server: Server;

  it('the tag pushed to a new image: the preview names both digests and nothing changes; a rebuild then runs that very image', async () => {
    const pinned = registry.pushVariant(`${repo}:b42`);
    const name = `prev${runId}`;
    server = await stack.createServer({ name, image: repo, imageTag: 'b42', config: {} });
    expect(server).toMatchObject({ imageId: pinned, imageDigest: digestOf(pinned) });
    expect(await preview(server)).toEqual({
      current: { imageRef: `${repo}:b42`, imageId: pinned, imageDigest: server.imageDigest },
      next: { digest: server.imageDigest, imageId: pinned },
      changes: false,
    });

    const moved = registry.pushVariant(`${repo}:b42`);
    const before = hostState(server);
    const changed = await preview(server);
    expect(changed).toEqual({
      current: { imageRef: `${repo}:b42`, imageId: pinned, imageDigest: server.imageDigest },
      // pushVariant built the new image on this host, so the host holds it already.
      next: { digest: digestOf(moved), imageId: moved },
      changes: true,
    });
    expect(changed.next.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(changed.next.digest).not.toBe(server.imageDigest);
    expect(hostState(server)).toEqual(before);
    expect(before.image).toEqual([pinned]);

    const rebuild = await stack.admin.expect(
      202,
      ServerActionResponse,
      'POST',
      apiPaths.serverAction(stack.agentId, server.id, 'rebuild'),
      {},
    );
    const op = await waitForOperation(stack.t(), rebuild.operation.id, 120_000);
    expect(op.error).toBeUndefined();
    server = await getServer(stack.t(), server.id);
    expect(server).toMatchObject({ status: 'running', imageId: moved });
    expect(server.imageDigest).toBe(changed.next.digest);
    expect((await preview(server)).changes).toBe(false);
    expect(stack.worldOf(server)).toBe(before.world);
    expect(stack.folderFiles(server)).toEqual(before.files);
  });

  it('the registry down: 200 with changes unknown and why, the pin and the host as they were', async () => {
    const before = hostState(server);
    await registry.stop();
    const down = await preview(server);
    expect(down).toEqual({
      current: {
        imageRef: `${repo}:b42`,
        imageId: server.imageId,
        imageDigest: server.imageDigest,
      },
      next: { digest: null, imageId: null },
      changes: null,
      reason: expect.stringContaining(rebuildPreviewReasons.registry('')),
    });
    expect(down.reason).toMatch(/connection refused/);
    expect(await getServer(stack.t(), server.id)).toMatchObject({
      imageId: server.imageId,
      imageDigest: server.imageDigest,
    });
    expect(hostState(server)).toEqual(before);
  });
});
