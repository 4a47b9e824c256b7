import type Docker from 'dockerode';
import type { RegistryAnswer } from '../container-runtime';
import { engineMessage, isEngineUnreachable, wrapDockerError } from './docker-errors';

/** Long enough for a slow registry on the other side of the world, short enough for a dialog. */
export const defaultRegistryTimeoutMs = 10_000;

/**
 * Asks the registry, through the engine's distribution inspect (`GET /distribution/{ref}/json`),
 * which manifest digest `imageRef` names now; nothing is pulled. The request is aborted after
 * `timeoutMs` (a registry that accepts and never answers would otherwise hold it for minutes),
 * which also makes the engine drop its own request to the registry.
 */
export async function registryDigest(
  docker: Docker,
  imageRef: string,
  timeoutMs: number,
): Promise<RegistryAnswer> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const answer = await new Promise<unknown>((resolve, reject) => {
      docker.modem.dial(
        {
          path: `/distribution/${imageRef}/json`,
          method: 'GET',
          abortSignal: abort.signal,
          statusCodes: { 200: true, 401: 'unauthorized', 403: 'forbidden', 404: 'not found' },
        },
        (err, data) => (err ? reject(err) : resolve(data)),
      );
    });
    const digest = (answer as { Descriptor?: { digest?: unknown } } | null)?.Descriptor?.digest;
    return typeof digest === 'string'
      ? { digest }
      : { digest: null, reason: `the registry's answer for ${imageRef} carried no digest` };
  } catch (err) {
    if (abort.signal.aborted)
      return {
        digest: null,
        reason: `no answer about ${imageRef} from its registry within ${timeoutMs} ms`,
      };
    if (isEngineUnreachable(err)) throw wrapDockerError(err, `asking about ${imageRef}`);
    return { digest: null, reason: engineMessage(err).slice(0, 500) };
  } finally {
    clearTimeout(timer);
  }
}
