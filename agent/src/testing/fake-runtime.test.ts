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
  runtime.images.unreachable.set('down.test:5000', 'refused');
  runtime.images.unreachable.set('silent.test:5000', 'silent');
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
    registry: {
      repo: 'registry.test/zedops/contract-rt',
      publish: async (ref) => void runtime.images.publish(ref),
      downRepo: 'down.test:5000/zedops/pz-test',
      silentRepo: 'silent.test:5000/zedops/pz-test',
    },
    dispose: async () => undefined,
  };
});
