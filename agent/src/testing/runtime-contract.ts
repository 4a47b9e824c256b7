import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ContainerDefinition,
  ContainerEvent,
  ContainerRuntime,
} from '../runtime/container-runtime';
import { labels } from '../runtime/labels';
import { waitFor } from './fake-manager';
import { registryDigestCases, type RegistryScene } from './runtime-contract-registry';

/** A ContainerRuntime under test, with the scene-setting the contract needs outside the interface. */
export interface RuntimeSubject {
  runtime: ContainerRuntime;
  /** A runtime whose engine cannot be reached. */
  unreachable: ContainerRuntime;
  /** `name:tag` the registry serves. */
  image: string;
  /** `name:tag` neither the registry nor the host has. */
  missingImage: string;
  /** Two host UDP ports nobody holds. */
  freePorts(): Promise<[number, number]>;
  /** Another process takes host UDP `port`; the returned function lets go. */
  holdPort(port: number): Promise<() => Promise<void>>;
  /** A running container ZedOps did not make, with this name. */
  runForeign(name: string): Promise<string>;
  /** A host folder bind mounts may point at. */
  mountDir: string;
  /** Registries to ask about tags (registryDigest). */
  registry: RegistryScene;
  /** Removes every container this subject's tests made. */
  dispose(): Promise<void>;
}

/**
 * What every ContainerRuntime must do, run against DockerRuntime on a real engine (docker
 * project) and the in-memory FakeRuntime (node project): the pure agent tests and the manager's
 * scripted agent stand on the fake, so it must not drift from Docker.
 */
export function describeRuntimeContract(name: string, make: () => Promise<RuntimeSubject>) {
  describe(`ContainerRuntime contract: ${name}`, () => {
    let s: RuntimeSubject;
    let serial = 0;
    const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    beforeEach(async () => {
      s = await make();
    });
    afterEach(async () => {
      await s.dispose();
    });
    const definition = async (): Promise<ContainerDefinition & { serverId: string }> => {
      const serverId = `srv-rt${tag}${serial}`;
      const serverName = `rt${tag}${serial++}`;
      await s.runtime.ensureImage(s.image, () => undefined);
      return {
        serverId,
        name: `steam-zomboid-${serverName}`,
        imageRef: s.image,
        env: { SERVER_NAME: 'contract', ZEDOPS_CONTRACT: 'yes' },
        labels: {
          [labels.managed]: 'true',
          [labels.serverId]: serverId,
          [labels.serverName]: serverName,
        },
        udpPorts: await s.freePorts(),
        mounts: [{ hostPath: s.mountDir, containerPath: '/home/steam/Zomboid' }],
        restartPolicy: 'unless-stopped',
      };
    };

    it('health, pull and image lookup; an image nobody has → IMAGE_PULL_FAILED', async () => {
      expect(await s.runtime.health()).toMatchObject({
        available: true,
        version: expect.any(String),
      });
      const progress: string[] = [];
      expect(await s.runtime.ensureImage(s.image, (p) => progress.push(p.message))).toBe('pulled');
      expect(progress[0]).toBe(`Pulling ${s.image}`);
      const image = await s.runtime.imageInfo(s.image);
      expect(image?.id).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(await s.runtime.imageInfo(image!.id)).toEqual(image);
      const digestRef = image!.repoDigests[0];
      expect(digestRef && (await s.runtime.imageInfo(digestRef))?.id).toBe(image!.id);
      expect(await s.runtime.imageInfo(s.missingImage)).toBeNull();
      await expect(s.runtime.ensureImage(s.missingImage, () => undefined)).rejects.toMatchObject({
        code: 'IMAGE_PULL_FAILED',
      });
    });

    registryDigestCases(() => s, tag);

    it('create → start → stop → restart → remove, each visible by id, label and name', async () => {
      const def = await definition();
      const id = await s.runtime.create(def);
      expect(await s.runtime.findByName(def.name)).toEqual({
        id,
        name: def.name,
        serverId: def.serverId,
      });
      expect(await s.runtime.findByServerId(def.serverId)).toEqual([
        expect.objectContaining({
          id,
          name: def.name,
          serverId: def.serverId,
          running: false,
          state: 'created',
        }),
      ]);
      await s.runtime.start(id);
      await s.runtime.start(id);
      expect(await s.runtime.inspect(id)).toMatchObject({
        id,
        running: true,
        state: 'running',
        image: s.image,
      });
      const published = (await s.runtime.publishedPorts()).filter((p) => p.containerId === id);
      // Docker lists a port once per address family (0.0.0.0 and ::): compare the set.
      expect([...new Set(published.map((p) => p.port))].sort()).toEqual([...def.udpPorts].sort());
      expect(published[0]).toMatchObject({
        protocol: 'udp',
        containerName: def.name,
        serverId: def.serverId,
      });

      await s.runtime.stop(id, 1);
      await s.runtime.stop(id, 1);
      expect(await s.runtime.inspect(id)).toMatchObject({ running: false, state: 'exited' });
      expect((await s.runtime.publishedPorts()).some((p) => p.containerId === id)).toBe(false);
      await s.runtime.restart(id, 1);
      expect(await s.runtime.inspect(id)).toMatchObject({ running: true });

      await s.runtime.remove(id);
      await s.runtime.remove(id);
      expect(await s.runtime.inspect(id)).toBeNull();
      expect(await s.runtime.findByServerId(def.serverId)).toEqual([]);
      expect(await s.runtime.findByName(def.name)).toBeNull();
    });

    it('listManaged reports image id, bindings, mounts and the env beyond the image’s', async () => {
      const def = await definition();
      const id = await s.runtime.create(def);
      const image = await s.runtime.imageInfo(s.image);
      const { containers, imageEnv } = await s.runtime.listManaged(def.serverId);
      expect(containers).toHaveLength(1);
      expect(containers[0]).toMatchObject({
        id,
        imageId: image!.id,
        env: def.env,
        mounts: [{ type: 'bind', source: s.mountDir, destination: '/home/steam/Zomboid' }],
      });
      expect(containers[0]!.ports?.map((p) => [p.hostPort, p.protocol, p.hostIp]).sort()).toEqual(
        def.udpPorts.map((p) => [p, 'udp', '']).sort(),
      );
      expect(imageEnv[image!.id]).toEqual(expect.any(Object));
      expect((await s.runtime.listManaged()).containers.map((c) => c.id)).toContain(id);
    });

    it('a name already taken → CONTAINER_NAME_CONFLICT; strangers are found by name, never listed', async () => {
      const def = await definition();
      const stranger = await s.runForeign(`stranger-${tag}-${serial++}`);
      await s.runtime.create(def);
      await expect(s.runtime.create(def)).rejects.toMatchObject({
        code: 'CONTAINER_NAME_CONFLICT',
      });
      const foreignName = (await s.runtime.findByName(`stranger-${tag}-${serial - 1}`))!;
      expect(foreignName).toMatchObject({ id: stranger, serverId: null });
      expect(await s.runtime.inspect(stranger)).toBeNull();
      expect((await s.runtime.listManaged()).containers.map((c) => c.id)).not.toContain(stranger);
      expect(await s.runtime.findByName(`steam-zomboid-nobody-${tag}`)).toBeNull();
    });

    it('a host port held by another process: probed as in use, and a start on it fails', async () => {
      const def = await definition();
      const release = await s.holdPort(def.udpPorts[0]!);
      try {
        expect(await s.runtime.hostUdpPortInUse(def.udpPorts[0]!)).toBe(true);
        expect(await s.runtime.hostUdpPortInUse(def.udpPorts[1]!)).toBe(false);
        const id = await s.runtime.create(def);
        await expect(s.runtime.start(id)).rejects.toMatchObject({ code: 'DOCKER_ERROR' });
        expect(await s.runtime.inspect(id)).toMatchObject({ running: false });
      } finally {
        await release();
      }
    });

    it('unknown containers: actions fail, inspect is null, remove is a no-op', async () => {
      const ghost = 'f'.repeat(64);
      await expect(s.runtime.start(ghost)).rejects.toMatchObject({ code: 'DOCKER_ERROR' });
      await expect(s.runtime.stop(ghost, 1)).rejects.toMatchObject({ code: 'DOCKER_ERROR' });
      await expect(s.runtime.restart(ghost, 1)).rejects.toMatchObject({ code: 'DOCKER_ERROR' });
      expect(await s.runtime.inspect(ghost)).toBeNull();
      await s.runtime.remove(ghost);
    });

    it('events of managed containers reach the watcher, strangers’ do not', async () => {
      const events: ContainerEvent[] = [];
      let up = false;
      const watch = s.runtime.watchEvents({
        onEvent: (e) => events.push(e),
        onStreamDown: () => undefined,
        onStreamUp: () => (up = true),
      });
      try {
        await waitFor(() => up, 10_000, 'event stream up');
        const stranger = await s.runForeign(`stranger-${tag}-${serial++}`);
        const def = await definition();
        const id = await s.runtime.create(def);
        await s.runtime.start(id);
        await s.runtime.stop(id, 1);
        await s.runtime.remove(id);
        const mine = () => events.filter((e) => e.containerId === id);
        await waitFor(() => mine().some((e) => e.action === 'destroy'), 10_000, 'destroy event');
        // The engine may be shared (other managed containers come and go meanwhile): what this
        // contract promises is that a stranger's events never arrive and ours carry our server.
        expect(events.some((e) => e.containerId === stranger)).toBe(false);
        expect(mine().every((e) => e.serverId === def.serverId)).toBe(true);
        // Docker does not promise the order of die and stop; create comes first, destroy last.
        const actions = mine().map((e) => e.action);
        expect(actions[0]).toBe('create');
        expect(actions.at(-1)).toBe('destroy');
        expect([...actions].sort()).toEqual(['create', 'destroy', 'die', 'start', 'stop']);
      } finally {
        watch.stop();
      }
    });

    it('an engine that cannot be reached: health says so, calls → DOCKER_UNAVAILABLE, stream down', async () => {
      expect(await s.unreachable.health()).toMatchObject({
        available: false,
        reason: expect.any(String),
      });
      await expect(s.unreachable.findByServerId('srv-x')).rejects.toMatchObject({
        code: 'DOCKER_UNAVAILABLE',
      });
      await expect(s.unreachable.listManaged()).rejects.toMatchObject({
        code: 'DOCKER_UNAVAILABLE',
      });
      let down = false;
      const watch = s.unreachable.watchEvents({
        onEvent: () => undefined,
        onStreamDown: () => (down = true),
        onStreamUp: () => undefined,
      });
      try {
        await waitFor(() => down, 10_000, 'stream down');
      } finally {
        watch.stop();
      }
    });
  });
}
