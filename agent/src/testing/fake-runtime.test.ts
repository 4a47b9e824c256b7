import { describeRuntimeContract } from './runtime-contract';
import { FakeRuntime } from './fake-runtime';

describeRuntimeContract('FakeRuntime in memory', async () => {
  const runtime = new FakeRuntime();
  runtime.images.publish('registry.test/zedops/pz-test:latest', {
    PATH: '/usr/bin',
    HOME: '/home/steam',
  });
  const unreachable = new FakeRuntime();
  unreachable.goDown();
  let nextPort = 30_000;
  return {
    runtime,
    unreachable,
    image: 'registry.test/zedops/pz-test:latest',
    missingImage: 'registry.test/zedops/pz-test:no-such-tag',
    freePorts: async () => [nextPort++, nextPort++],
    holdPort: async (port) => {
      runtime.heldPorts.add(port);
      return async () => void runtime.heldPorts.delete(port);
    },
    runForeign: async (name) => runtime.addForeign(name).id,
    mountDir: '/srv/zedops/contract',
    dispose: async () => undefined,
  };
});
