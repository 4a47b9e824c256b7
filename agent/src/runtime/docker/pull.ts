import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { ImagePullError } from '../../errors';
import type { PullProgress } from '../container-runtime';
import { engineMessage, isEngineUnreachable, wrapDockerError } from './docker-errors';
import { readJsonLines } from './json-lines';

/** One line of `POST /images/create` output. */
interface PullLine {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

const progressIntervalMs = 250;
const doneStatuses = ['Already exists', 'Pull complete', 'Download complete'];

/**
 * Pulls `imageRef`, reporting per-layer progress (throttled). When the pull fails but the image
 * is already present locally (registry down, offline host), the local copy is used — said so in
 * a progress message — like Wings does. No local copy → IMAGE_PULL_FAILED with the registry's words.
 */
export async function ensureImage(
  docker: Docker,
  imageRef: string,
  onProgress: (progress: PullProgress) => void,
): Promise<'pulled' | 'local'> {
  onProgress({ message: `Pulling ${imageRef}` });
  try {
    const stream = (await docker.pull(imageRef)) as Readable;
    await followPull(stream, imageRef, onProgress);
    onProgress({ message: `Pulled ${imageRef}`, percent: 100 });
    return 'pulled';
  } catch (err) {
    if (isEngineUnreachable(err)) throw wrapDockerError(err, `pulling ${imageRef}`);
    const registryMessage = engineMessage(err);
    if (await existsLocally(docker, imageRef)) {
      onProgress({
        message: `Pull of ${imageRef} failed (${registryMessage}); using the local image of the same tag`,
      });
      return 'local';
    }
    throw new ImagePullError(
      `could not pull ${imageRef} and no local copy exists: ${registryMessage}`,
      {
        image: imageRef,
        registryMessage,
      },
    );
  }
}

async function existsLocally(docker: Docker, imageRef: string): Promise<boolean> {
  try {
    await docker.getImage(imageRef).inspect();
    return true;
  } catch {
    return false;
  }
}

/** Follows the pull stream to its end; an `error` line in the stream fails the pull. */
async function followPull(
  stream: Readable,
  imageRef: string,
  onProgress: (progress: PullProgress) => void,
) {
  const layers = new Map<string, { current: number; total: number }>();
  let streamError: string | undefined;
  let lastSent = 0;

  await readJsonLines(stream, (value) => {
    const line = value as PullLine;
    if (line.error || line.errorDetail?.message) {
      streamError = line.errorDetail?.message ?? line.error;
      return;
    }
    if (!line.id || !line.status) return;
    const layer = layers.get(line.id) ?? { current: 0, total: 0 };
    if (line.status === 'Downloading' && line.progressDetail?.total) {
      layer.current = line.progressDetail.current ?? 0;
      layer.total = line.progressDetail.total;
    } else if (doneStatuses.includes(line.status)) {
      layer.current = layer.total;
    }
    layers.set(line.id, layer);

    const now = Date.now();
    const layerDone = doneStatuses.includes(line.status);
    if (!layerDone && now - lastSent < progressIntervalMs) return;
    lastSent = now;
    let current = 0;
    let total = 0;
    for (const l of layers.values()) {
      current += l.current;
      total += l.total;
    }
    const percent = total > 0 ? Math.min(100, Math.round((current / total) * 100)) : undefined;
    onProgress({
      message: `Pulling ${imageRef}: layer ${line.id} ${line.status}`,
      ...(percent !== undefined ? { percent, current, total } : {}),
    });
  });
  if (streamError) throw Object.assign(new Error(streamError), { json: { message: streamError } });
}
