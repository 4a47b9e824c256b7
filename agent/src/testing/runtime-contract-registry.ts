import { expect, it } from 'vitest';
import type { ContainerRuntime } from '../runtime/container-runtime';

/** The registries a runtime subject asks about tags without pulling. */
export interface RegistryScene {
  /** A repository (`host:port/name`) the test may push tags to. */
  repo: string;
  /** Push a new image under `ref` (a tag of `repo`) to the registry only: the host does not get it. */
  publish(ref: string): Promise<void>;
  /** A repository whose registry refuses connections. */
  downRepo: string;
  /** A repository whose registry accepts connections and never answers. */
  silentRepo: string;
}

const digestPattern = /^sha256:[0-9a-f]{64}$/;

/** registryDigest: what a tag would pull, asked without pulling, never hanging. */
export function registryDigestCases(
  subject: () => {
    runtime: ContainerRuntime;
    unreachable: ContainerRuntime;
    registry: RegistryScene;
  },
  tag: string,
) {
  it('registryDigest names what a pull would record, follows a moved tag and pulls nothing', async () => {
    const { runtime, registry } = subject();
    const ref = `${registry.repo}:moved-${tag}`;
    await registry.publish(ref);
    const before = await runtime.registryDigest(ref);
    expect(before.digest).toMatch(digestPattern);
    expect(await runtime.imageInfo(ref)).toBeNull();

    expect(await runtime.ensureImage(ref, () => undefined)).toBe('pulled');
    const pulled = await runtime.imageInfo(ref);
    expect(pulled?.repoDigests).toContain(`${registry.repo}@${before.digest}`);

    await registry.publish(ref);
    const after = await runtime.registryDigest(ref);
    expect(after.digest).toMatch(digestPattern);
    expect(after.digest).not.toBe(before.digest);
    // Asking moved nothing on the host: the tag still names the image pulled before.
    expect(await runtime.imageInfo(ref)).toEqual(pulled);
  });

  it('registryDigest of an unknown tag, a registry down or silent: no digest, and why', async () => {
    const { runtime, unreachable, registry } = subject();
    const unknown = await runtime.registryDigest(`${registry.repo}:never-pushed-${tag}`);
    expect(unknown).toEqual({ digest: null, reason: expect.stringMatching(/manifest unknown/i) });
    const down = await runtime.registryDigest(`${registry.downRepo}:latest`);
    expect(down).toEqual({ digest: null, reason: expect.stringMatching(/connection refused/) });
    const silent = await runtime.registryDigest(`${registry.silentRepo}:latest`);
    expect(silent).toEqual({ digest: null, reason: expect.stringMatching(/^no answer about/) });
    await expect(unreachable.registryDigest(`${registry.repo}:latest`)).rejects.toMatchObject({
      code: 'DOCKER_UNAVAILABLE',
    });
  });
}
