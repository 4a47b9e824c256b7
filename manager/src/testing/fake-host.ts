import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ContainerInfo, ContainerSpec } from '@contract/agent-protocol';
import type { Fingerprint } from '@contract/http/snapshots';
import {
  containerEnv,
  containerMounts,
  containerNameFor,
  publishedUdpPorts,
} from '@contract/container-shape';
import { FakeHostData } from '../../../agent/src/testing/fake-host-data';
import { type FakeContainer, FakeRuntime } from '../../../agent/src/testing/fake-runtime';
import { MemoryTree } from '../../../agent/src/testing/memory-tree';
import { labels } from '../../../agent/src/runtime/labels';
import { serverPaths } from '../../../agent/src/data/server-paths';
import { defaultWorld, writeWorld } from './fake-worlds';

export { defaultWorld } from './fake-worlds';

/** Where the scripted agent keeps its snapshots: beside, never inside, the test data paths. */
export const scriptedSnapshotRoot = '/var/lib/zedops-scripted/snapshots';

/**
 * A Docker host for the scripted agent: the agent's own in-memory fakes (FakeRuntime,
 * FakeHostData), which the real agent domain runs over, plus the views the manager tests set
 * the scene with — folders by `{dataPath}/{name}`, markers, containers, image tags.
 */
export class FakeHost {
  readonly runtime = new FakeRuntime();
  readonly tree = new MemoryTree();
  readonly data = new FakeHostData(this.tree, scriptedSnapshotRoot);

  /** `{dataPath}/{name}` folders whose data/ holds a world. */
  readonly dataDirs = new DataDirs(this.tree);
  /** `.zedops-server-id` per folder: written by a create when absent, checked by a purge. */
  readonly markers = new Markers(this.tree);
  /** Containers by id, as Docker reports them. */
  readonly containers = new Containers(this.runtime);
  /** What each `image:tag` points to now (tests may move a tag). */
  readonly images = new Map<string, string>();
  /**
   * What each folder's data/ measures, by `{dataPath}/{name}`: get() is the agent's own
   * fingerprint, set() rewrites data/ so it measures that (a test damages a world by setting a
   * small one).
   */
  readonly worlds = new Worlds(this.tree, this.data);

  constructor() {
    // Any tag can be pulled (a test names whatever image it likes); no registry digests, so a
    // pinned image that left the host cannot come back.
    this.runtime.images.unlisted = (ref) => {
      if (ref.includes('@')) return null;
      const id = this.images.get(ref) ?? `sha256:${sha(ref)}`;
      this.images.set(ref, id);
      return { id, repoDigests: [], env: {} };
    };
    // A game server writes its world on first boot.
    this.runtime.onStart = (c) => {
      const data = c.mounts.find((m) => m.containerPath === '/home/steam/Zomboid')?.hostPath;
      if (data && this.tree.children(data).length === 0) writeWorld(this.tree, data, defaultWorld);
    };
  }

  /**
   * Put a snapshot archive of server `serverName` on the host holding `world` (and a marker
   * naming `serverId`), taken by the agent's own archive code from a scratch folder.
   */
  async seedSnapshot(
    serverName: string,
    serverId: string,
    snapshotId: string,
    world: Omit<Fingerprint, 'takenAt'> = defaultWorld,
  ): Promise<void> {
    const scratch = serverPaths('/var/lib/zedops-scripted/seeds', serverName);
    this.tree.remove(scratch.root);
    writeWorld(this.tree, scratch.data, world);
    this.tree.write(scratch.marker, `${serverId}\n`);
    await this.data.snapshots!.take({ paths: scratch, serverId, serverName, snapshotId });
    this.tree.remove(scratch.root);
  }

  /** Image ids on the host (clear() makes every pinned image unavailable). */
  get localImages(): { clear(): void; has(id: string): boolean } {
    const images = this.runtime.images;
    return {
      clear: () => {
        images.local.clear();
        images.localRefs.clear();
      },
      has: (id) => images.local.has(id),
    };
  }

  /** Containers carrying this server-id label. */
  containersOf(serverId: string): ContainerInfo[] {
    return [...this.containers.values()].filter((c) => c.serverId === serverId);
  }

  /**
   * Add a container as Docker would report it. Without `details` it looks like an agent older
   * than drift reports it (no image id, ports, mounts or env), so it never shows drift.
   */
  addContainer(spec: {
    serverId: string;
    serverName: string;
    image?: string;
    running?: boolean;
    name?: string;
    details?: Pick<ContainerInfo, 'imageId' | 'ports' | 'mounts' | 'env'>;
  }): ContainerInfo {
    const running = spec.running !== false;
    const details = spec.details;
    const c: FakeContainer = {
      id: randomBytes(32).toString('hex'),
      name: spec.name ?? containerNameFor(spec.serverName),
      imageRef: spec.image ?? 'test/image:latest',
      imageId: details?.imageId ?? '',
      env: details?.env ?? {},
      labels: {
        [labels.managed]: 'true',
        [labels.serverId]: spec.serverId,
        [labels.serverName]: spec.serverName,
      },
      udpPorts: (details?.ports ?? []).flatMap((p) =>
        p.protocol === 'udp' && p.hostPort ? [p.hostPort] : [],
      ),
      mounts: (details?.mounts ?? []).map((m) => ({
        hostPath: m.source,
        containerPath: m.destination,
      })),
      running,
      state: running ? 'running' : 'exited',
      createdAt: new Date().toISOString(),
      // Field by field, not `{ ports, ...basic }`: a bench lists thousands of these per pass.
      reportAs: (r) => {
        const basic: ContainerInfo = {
          id: r.id,
          name: r.name,
          serverId: r.serverId,
          serverName: r.serverName,
          state: r.state,
          running: r.running,
          image: r.image,
          createdAt: r.createdAt,
        };
        return details ? Object.assign(basic, details) : basic;
      },
    };
    this.runtime.containers.set(c.id, c);
    return this.containers.get(c.id)!;
  }

  /** A container exactly as the real agent would build it from `spec`, running `imageId`. */
  addContainerFromSpec(spec: ContainerSpec, imageId: string, imageRef?: string): ContainerInfo {
    return this.addContainer({
      serverId: spec.serverId,
      serverName: spec.serverName,
      image: imageRef ?? `${spec.image}:${spec.imageTag}`,
      details: containerDetailsFor(spec, imageId),
    });
  }

  /** Change a container behind the manager's back (a hand-made container, `docker run -p …`). */
  alterContainer(containerId: string, change: Partial<ContainerInfo>): ContainerInfo {
    this.containers.set(containerId, { ...this.containers.get(containerId)!, ...change });
    return this.containers.get(containerId)!;
  }
}

/** Ports, mounts and env of the container the agent builds from `spec` (docs/design.md §5). */
export function containerDetailsFor(
  spec: ContainerSpec,
  imageId: string,
): Pick<ContainerInfo, 'imageId' | 'ports' | 'mounts' | 'env'> {
  return {
    imageId,
    ports: publishedUdpPorts(spec).map((port) => ({
      containerPort: port,
      protocol: 'udp',
      hostIp: '',
      hostPort: port,
    })),
    mounts: containerMounts(spec.dataPath, spec.serverName).map((m) => ({
      type: 'bind',
      source: m.hostPath,
      destination: m.containerPath,
    })),
    env: containerEnv(spec),
  };
}

/** The runtime's containers as a map of what Docker reports; set() changes one behind the agent's back. */
class Containers {
  constructor(private readonly runtime: FakeRuntime) {}

  get size(): number {
    return this.values().length;
  }

  get(id: string): ContainerInfo | undefined {
    const c = this.runtime.containers.get(id);
    return c ? this.runtime.describe(c) : undefined;
  }

  set(id: string, info: ContainerInfo): this {
    const c = this.runtime.containers.get(id);
    if (!c) throw new Error(`no container ${id}`);
    c.running = info.running;
    c.state = info.running ? 'running' : 'exited';
    const { id: _id, createdAt: _c, running: _r, state: _s, ...rest } = info;
    const previous = c.reportAs;
    c.reportAs = (reported) => ({ ...(previous ? previous(reported) : reported), ...rest });
    return this;
  }

  /** Gone without a trace (no event): `docker rm -f` while the agent was not looking. */
  delete(id: string): boolean {
    return this.runtime.containers.delete(id);
  }

  clear(): void {
    this.runtime.containers.clear();
  }

  values(): ContainerInfo[] {
    return [...this.runtime.containers.keys()].map((id) => this.get(id)!);
  }
}

/** Folders with a world, by `{dataPath}/{name}`: add() writes one, delete() takes data/ away. */
class DataDirs {
  constructor(private readonly tree: MemoryTree) {}

  has(dir: string): boolean {
    return this.tree.children(path.join(dir, 'data')).length > 0;
  }

  add(dir: string): this {
    if (!this.has(dir)) writeWorld(this.tree, path.join(dir, 'data'), defaultWorld);
    return this;
  }

  delete(dir: string): boolean {
    const had = this.has(dir);
    this.tree.remove(path.join(dir, 'data'));
    return had;
  }

  clear(): void {
    for (const dir of [...this]) this.tree.remove(path.join(dir, 'data'));
  }

  *[Symbol.iterator](): IterableIterator<string> {
    const folders = [...this.tree.entries('/')].filter(
      ([rel, n]) => n.kind === 'dir' && rel.endsWith('/data'),
    );
    for (const [rel] of folders) {
      const dir = path.dirname(`/${rel}`);
      if (this.has(dir)) yield dir;
    }
  }
}

/** Fingerprints of data/ by `{dataPath}/{name}`, measured and shaped through the tree. */
class Worlds {
  constructor(
    private readonly tree: MemoryTree,
    private readonly data: FakeHostData,
  ) {}

  /** What the agent's fingerprint reports for the folder's data/ now (undefined: none). */
  async get(dir: string): Promise<Fingerprint | undefined> {
    return (
      (await this.data.fingerprint(serverPaths(path.dirname(dir), path.basename(dir)))) ?? undefined
    );
  }

  /** Rewrite data/ so that it measures `world` (takenAt is ignored). */
  set(dir: string, world: Omit<Fingerprint, 'takenAt'> & { takenAt?: string }): this {
    const data = path.join(dir, 'data');
    this.tree.remove(data);
    writeWorld(this.tree, data, world);
    return this;
  }
}

/** Marker files by `{dataPath}/{name}`. */
class Markers {
  constructor(private readonly tree: MemoryTree) {}

  get(dir: string): string | undefined {
    return this.tree.read(path.join(dir, '.zedops-server-id'))?.trim();
  }

  has(dir: string): boolean {
    return this.get(dir) !== undefined;
  }

  set(dir: string, serverId: string): this {
    this.tree.write(path.join(dir, '.zedops-server-id'), `${serverId}\n`);
    return this;
  }

  delete(dir: string): boolean {
    const had = this.has(dir);
    this.tree.remove(path.join(dir, '.zedops-server-id'));
    return had;
  }
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
