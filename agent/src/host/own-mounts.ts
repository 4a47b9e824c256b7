import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import type { Logger } from 'pino';
import { AgentConfigError } from '../data/allowed-roots';
import { ownContainerId, sameHostPathProblem, type OwnMount } from '../data/same-path-mounts';
import { isEngineUnreachable, statusCodeOf } from '../runtime/docker/docker-errors';

function readMountinfo(): string {
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return '';
  }
}

/**
 * When the agent runs in a container (the image, compose), refuse to start unless every data
 * root is bind-mounted from the host folder of the same path (data/same-path-mounts.ts says why).
 * Outside a container, or in one the engine does not know (the agent drives another host's
 * engine), there is nothing to compare and the agent starts.
 */
export async function assertDataRootsMountedAtSamePath(
  docker: Docker,
  roots: readonly string[],
  logger: Logger,
  mountinfo: string = readMountinfo(),
): Promise<void> {
  const id = ownContainerId(mountinfo);
  if (!id) return;
  let mounts: OwnMount[];
  try {
    const info = await docker.getContainer(id).inspect();
    mounts = (info.Mounts ?? []).map((m) => ({
      type: m.Type,
      source: m.Source,
      destination: m.Destination,
      name: m.Name,
    }));
  } catch (err) {
    if (statusCodeOf(err) === 404) {
      logger.info(
        { containerId: id },
        'this container is not on the engine the agent drives; data path mounts not compared',
      );
    } else {
      // Without the engine nothing is created either; the next start compares again.
      logger.warn(
        { err: isEngineUnreachable(err) ? String(err) : err },
        'could not inspect this container; data path mounts not compared',
      );
    }
    return;
  }
  const problems = roots.flatMap((root) => sameHostPathProblem(root, mounts) ?? []);
  if (problems.length > 0) throw new AgentConfigError(problems.join('\n'));
  logger.info({ containerId: id, roots }, 'data roots are mounted from the same host paths');
}
