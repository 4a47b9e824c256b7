import { execFileSync } from 'node:child_process';
import { docker } from './docker-cli';
import { stackEnv } from './stack-env';

/**
 * Tags of the test image that one spec pushes over (a tag that "moved"). Each tag is this run's
 * own, so the shared registry's tags other runs pull are never touched; the images built here
 * are removed from the host by `removeAll`.
 */
export function imageVariants() {
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const built = new Set<string>();
  let serial = 0;
  return {
    /** A tag nobody else uses. */
    tag: `e2e-${runId}`,
    /** Builds an image FROM the test image with only a label changed, pushes it as `tag`; its id. */
    push(tag: string): string {
      const ref = `${stackEnv.image}:${tag}`;
      const dockerfile = `FROM ${stackEnv.image}:latest\nLABEL zedops.e2e-variant=${runId}-${serial++}\n`;
      execFileSync('docker', ['build', '-q', '-t', ref, '-'], { input: dockerfile, stdio: 'pipe' });
      docker('push', '-q', ref);
      const id = docker('image', 'inspect', '--format', '{{.Id}}', ref);
      built.add(id);
      return id;
    },
    /** The registry digest Docker recorded for an image pushed here. */
    digestOf(imageId: string): string {
      const digests = JSON.parse(
        docker('image', 'inspect', '--format', '{{json .RepoDigests}}', imageId),
      ) as string[];
      const digest = digests.find((d) => d.startsWith(`${stackEnv.image}@`))?.split('@')[1];
      if (!digest) throw new Error(`${imageId} has no digest in ${stackEnv.image}`);
      return digest;
    },
    removeAll(): void {
      for (const id of built) {
        try {
          docker('rmi', '-f', id);
        } catch {
          // already gone: nothing left to remove
        }
      }
    },
  };
}
