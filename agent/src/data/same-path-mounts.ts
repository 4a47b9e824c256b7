import path from 'node:path';

/** One of this container's mounts, as the Engine API's container inspect reports it. */
export interface OwnMount {
  /** bind, volume, tmpfs, … */
  type: string;
  /** For a bind: the folder on the host. For a volume: the volume's folder in Docker's storage. */
  source: string;
  /** Where it appears inside this container. */
  destination: string;
  /** Volume name, when it is a volume. */
  name?: string;
}

/**
 * Why a data root does not work for an agent running in a container, or null when it does.
 *
 * The agent checks and prepares server folders on its own filesystem, but Docker resolves the
 * game containers' bind mounts on the host. The two agree only when the root is bind-mounted
 * from the host folder of the same path: otherwise the agent looks at one folder while the game
 * writes to another, and a world the agent thinks is there is not (docs/design.md §6).
 */
export function sameHostPathProblem(root: string, mounts: readonly OwnMount[]): string | null {
  const covering = mounts
    .filter((m) => isSameOrInside(root, m.destination))
    .sort((a, b) => b.destination.length - a.destination.length)[0];
  const fix = `Mount the host folder at the same path inside and outside, e.g. \`-v ${root}:${root}\` (compose: \`- ${root}:${root}\`), or set the data path to the host folder you mount that way.`;
  if (!covering) {
    return `data path ${root} is not mounted from the host: it lies inside this container, so game containers (whose folders Docker takes from the host) would not see what the agent sees. ${fix}`;
  }
  if (covering.type !== 'bind') {
    const what =
      covering.type === 'volume'
        ? `the Docker volume ${covering.name ?? covering.source}`
        : `a ${covering.type} mount`;
    return `data path ${root} is on ${what} mounted at ${covering.destination}, but game containers would get the host folder ${root} instead. ${fix}`;
  }
  const hostPath = path.posix.join(
    covering.source,
    path.posix.relative(covering.destination, root),
  );
  if (hostPath === root) return null;
  return `data path ${root} is the host folder ${hostPath} (mounted at ${covering.destination}), but game containers would get the host folder ${root} instead. Mount it at the same path: \`-v ${hostPath}:${hostPath}\` (compose: \`- ${hostPath}:${hostPath}\`) and set the data path to ${hostPath}.`;
}

/** `child` is `parent` or lies below it (both absolute, normalised). */
function isSameOrInside(child: string, parent: string): boolean {
  if (parent === '/') return true;
  return child === parent || child.startsWith(`${parent}/`);
}

/**
 * The id of the Docker container this process runs in, from /proc/self/mountinfo: Docker mounts
 * /etc/hostname, /etc/hosts and /etc/resolv.conf from `…/containers/<64 hex id>/`. null outside
 * a Docker container (or when the format is unknown, in which case the check is skipped).
 */
export function ownContainerId(mountinfo: string): string | null {
  const match = /\/containers\/([0-9a-f]{64})\/(?:hostname|hosts|resolv\.conf)\s/.exec(mountinfo);
  return match?.[1] ?? null;
}
