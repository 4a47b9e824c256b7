import { mkdirSync } from 'node:fs';
import { testLogger } from '../../testing/agent-harness';
import {
  docker,
  dockerMaybe,
  dockerUp,
  freePorts,
  tempDataPath,
  testImage,
} from '../../testing/docker-cli';
import { describeRuntimeContract } from '../../testing/runtime-contract';
import { holdUdpPort } from '../../testing/udp-port-holder';
import type { ContainerDefinition } from '../container-runtime';
import { createDockerClient } from './docker-client';
import { DockerRuntime } from './docker-runtime';

describeRuntimeContract('DockerRuntime on the real engine', async () => {
  dockerUp('--no-image');
  const made: string[] = [];
  // Every container the contract creates is recorded, so only those are removed afterwards.
  const runtime = new (class extends DockerRuntime {
    override async create(definition: ContainerDefinition) {
      const id = await super.create(definition);
      made.push(id);
      return id;
    }
  })(createDockerClient(), testLogger());
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
    dispose: async () => {
      for (const id of made) dockerMaybe('rm', '-f', id);
    },
  };
});
