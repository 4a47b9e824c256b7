import { afterAll, describe, expect, it } from 'vitest';
import { testLogger } from '../../testing/agent-harness';
import { docker, dockerUp } from '../../testing/docker-cli';
import {
  type RecordingEngineProxy,
  startRecordingEngineProxy,
} from '../../testing/recording-engine-proxy';
import { createDockerClient } from './docker-client';
import { DockerRuntime } from './docker-runtime';

// The real engine, reached through a proxy that notes what the agent asked it (a local socket:
// the default, or DOCKER_HOST's unix://…).
const dockerHost = process.env.DOCKER_HOST;
const engineSocket = !dockerHost
  ? '/var/run/docker.sock'
  : dockerHost.startsWith('unix://')
    ? dockerHost.slice('unix://'.length)
    : undefined;
let proxy: RecordingEngineProxy | undefined;
afterAll(async () => proxy?.close());

describe.skipIf(!engineSocket)('Docker health on the real engine', () => {
  it('pings for liveness; asks the version once, and again after the engine was gone', async () => {
    dockerUp('--no-image');
    proxy = await startRecordingEngineProxy(engineSocket as string);
    const runtime = new DockerRuntime(createDockerClient(proxy.socketPath), testLogger());
    const engineVersion = docker('version', '--format', '{{.Server.Version}}').trim();

    expect(await runtime.health()).toEqual({ available: true, version: engineVersion });
    expect(await runtime.health()).toEqual({ available: true, version: engineVersion });
    expect(await runtime.health()).toEqual({ available: true, version: engineVersion });
    expect(proxy.requests).toEqual(['GET /_ping', 'GET /version', 'GET /_ping', 'GET /_ping']);

    proxy.refuse(true);
    expect(await runtime.health()).toMatchObject({ available: false, reason: expect.any(String) });
    proxy.refuse(false);
    proxy.requests.length = 0;
    expect(await runtime.health()).toEqual({ available: true, version: engineVersion });
    expect(proxy.requests).toEqual(['GET /_ping', 'GET /version']);
  });
});
