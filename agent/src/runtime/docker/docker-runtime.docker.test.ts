import { mkdirSync } from 'node:fs';
import { afterAll } from 'vitest';
import { testLogger } from '../../testing/agent-harness';
import {
  docker,
  dockerMaybe,
  dockerUp,
  freePorts,
  tempDataPath,
  testImage,
} from '../../testing/docker-cli';
import { startPrivateRegistry, type PrivateRegistry } from '../../testing/private-registry';
import { describeRuntimeContract } from '../../testing/runtime-contract';
import { startSilentRegistry, type SilentRegistry } from '../../testing/silent-registry';
import { holdUdpPort } from '../../testing/udp-port-holder';
import type { ContainerDefinition } from '../container-runtime';
import { createDockerClient } from './docker-client';
import { DockerRuntime } from './docker-runtime';

// Tags are pushed over in a registry of this file's own, never the shared one (private-registry.ts).
let registry: PrivateRegistry | undefined;
let silent: SilentRegistry | undefined;
afterAll(async () => {
  await registry?.cleanup();
  await silent?.close();
});
/** A loopback port nothing listens on: a registry that refuses connections. */
const refusingRegistry = '127.0.0.1:9';

describeRuntimeContract('DockerRuntime on the real engine', async () => {
  dockerUp('--no-image');
  registry ??= await startPrivateRegistry();
  silent ??= await startSilentRegistry();
  const pushTo = registry;
  const made: string[] = [];
  // Every container the contract creates is recorded, so only those are removed afterwards.
  const runtime = new (class extends DockerRuntime {
    override async create(definition: ContainerDefinition) {
      const id = await super.create(definition);
      made.push(id);
      return id;
    }
  })(createDockerClient(), testLogger(), { registryTimeoutMs: 3_000 });
  const mountDir = tempDataPath();
  mkdirSync(mountDir, { recursive: true });
  return {
    runtime,
    unreachable: new DockerRuntime(
      createDockerClient('/tmp/zedops-no-such-docker.sock'),
      testLogger(),
    ),
    image: `${testImage}:latest`,
    missingImage: `${testImage}:no-such-tag`,
    freePorts: async () => {
      const { gamePort, udpPort } = await freePorts();
      return [gamePort, udpPort];
    },
    holdPort: async (port) => {
      const child = await holdUdpPort(port);
      return async () => void child.kill();
    },
    runForeign: async (name) => {
      made.push(name);
      return docker('run', '-d', '--name', name, `${testImage}:latest`);
    },
    mountDir,
    registry: {
      repo: `${pushTo.address}/zedops/contract-rt`,
      // The host keeps what its tag named before: only the registry gets the new image.
      publish: async (ref) => {
        const before = dockerMaybe('image', 'inspect', '--format', '{{.Id}}', ref);
        pushTo.pushVariant(ref);
        if (before) docker('tag', before, ref);
        else docker('rmi', ref);
      },
      downRepo: `${refusingRegistry}/zedops/pz-test`,
      silentRepo: `${silent.address}/zedops/pz-test`,
    },
    dispose: async () => {
      for (const id of made) dockerMaybe('rm', '-f', id);
    },
  };
});
