import { createHash, randomBytes } from 'node:crypto';

export interface FakeImage {
  id: string;
  repoDigests: string[];
  /** The image's default environment. */
  env: Record<string, string>;
}

/** The images of FakeRuntime: a registry that serves some, and what this host has pulled. */
export class FakeImages {
  /** Images on this host by id, and the references (`name:tag`, `name@digest`) naming them. */
  readonly local = new Map<string, FakeImage>();
  readonly localRefs = new Map<string, string>();
  /** What a pull can fetch, by `name:tag` and `name@digest`. */
  readonly registry = new Map<string, FakeImage>();
  /** What the registry serves for a reference it does not list; default: nothing. */
  unlisted: (ref: string) => FakeImage | null = () => null;
  /** Registries (`host:port`) that refuse connections, or accept them and never answer. */
  readonly unreachable = new Map<string, 'refused' | 'silent'>();
  /** How long a question to a silent registry waits (DockerRuntime's bound). */
  registryTimeoutMs = 10_000;

  /** Make `name:tag` pullable (a new image each call: moving the tag); returns the image. */
  publish(ref: string, env: Record<string, string> = {}): FakeImage {
    const id = `sha256:${sha(`${ref}:${randomBytes(8).toString('hex')}`)}`;
    const digest = `sha256:${sha(id)}`;
    const repo = repoOf(ref);
    const image = { id, repoDigests: [`${repo}@${digest}`], env };
    this.registry.set(ref, image);
    this.registry.set(`${repo}@${digest}`, image);
    return image;
  }

  /** Put an image on this host without a registry (built locally, or the registry forgot it). */
  addLocal(ref: string, env: Record<string, string> = {}): FakeImage {
    const image = this.registry.get(ref) ?? { id: `sha256:${sha(ref)}`, repoDigests: [], env };
    this.store(ref, image);
    return image;
  }

  /** A pull: the registry's image for `ref` lands on the host; null when it serves none. */
  pull(ref: string): FakeImage | null {
    if (this.unreachable.has(registryOf(ref))) return null;
    const served = this.registry.get(ref) ?? this.unlisted(ref);
    if (served) this.store(ref, served);
    return served ?? null;
  }

  /** What the registry says `ref` is now, without pulling: its digest, or why it cannot say. */
  remote(ref: string): { digest: string } | { digest: null; reason: string } {
    const host = registryOf(ref);
    const down = this.unreachable.get(host);
    if (down === 'refused')
      return {
        digest: null,
        reason: `Get "http://${host}/v2/": dial tcp ${host}: connect: connection refused`,
      };
    if (down === 'silent')
      return {
        digest: null,
        reason: `no answer about ${ref} from its registry within ${this.registryTimeoutMs} ms`,
      };
    const served = this.registry.get(ref) ?? this.unlisted(ref);
    if (!served) return { digest: null, reason: 'manifest unknown: manifest unknown' };
    const digest = served.repoDigests.find((d) => d.startsWith(`${repoOf(ref)}@`))?.split('@')[1];
    return digest
      ? { digest }
      : { digest: null, reason: `the registry's answer for ${ref} carried no digest` };
  }

  /** The local image a reference (tag, digest reference or id) names. */
  resolve(ref: string): FakeImage | undefined {
    return this.local.get(this.localRefs.get(ref) ?? ref);
  }

  private store(ref: string, image: FakeImage): void {
    this.local.set(image.id, image);
    this.localRefs.set(ref, image.id);
    for (const digestRef of image.repoDigests) this.localRefs.set(digestRef, image.id);
  }
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/** `registry:5000/team/image:tag` → `registry:5000/team/image` (a port's colon is not a tag's). */
const repoOf = (ref: string) => ref.replace(/@.*$/, '').replace(/:[^:/]+$/, '');
/** The registry a reference lives in: its first component when that names a host, else Docker Hub. */
const registryOf = (ref: string) => {
  const first = ref.split('/')[0]!;
  return ref.includes('/') && (/[.:]/.test(first) || first === 'localhost') ? first : 'docker.io';
};
