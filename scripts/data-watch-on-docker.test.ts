import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getServer, waitFor } from '../manager/src/testing/harness';
import { startDockerStack, type DockerStack } from './testing/docker-stack';

/**
 * The periodic data check with the real manager, the real agent's walk of a real folder and a
 * real container: a running server's healthy fingerprint follows its world as the game saves,
 * with nothing else asking.
 */
let stack: DockerStack;

beforeAll(async () => {
  stack = await startDockerStack({
    hostName: 'watch-host',
    dataWatch: { tickMs: 200, maxAgeMs: 0, perHost: 100 },
  });
});

afterAll(() => stack?.stop());

describe('periodic data check on real Docker', () => {
  it('the healthy fingerprint follows a running world that grew, and the folder is only read', async () => {
    const server = await stack.createServer({
      name: `dw${Date.now().toString(36)}`,
      imageTag: 'latest',
    });
    const first = await waitFor(
      async () => (await getServer(stack.t(), server.id)).healthyFingerprint,
    );
    // The game saves: many more files, and more bytes, under Saves/.
    const saves = path.join(stack.serverDir(server), 'data/Saves/Multiplayer/map');
    mkdirSync(saves, { recursive: true });
    for (let i = 0; i < 50; i++)
      writeFileSync(path.join(saves, `chunk_${i}.bin`), 'x'.repeat(4096));
    const files = stack.folderFiles(server);

    const grown = await waitFor(async () => {
      const healthy = (await getServer(stack.t(), server.id)).healthyFingerprint;
      return healthy && healthy.fileCount >= first.fileCount + 50 ? healthy : undefined;
    }, 20_000);
    expect(grown.totalBytes).toBeGreaterThanOrEqual(first.totalBytes + 50 * 4096);
    expect(grown.hasSaves).toBe(true);
    expect(stack.folderFiles(server)).toEqual(files);
    expect((await getServer(stack.t(), server.id)).status).toBe('running');
  });
});
