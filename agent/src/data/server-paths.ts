import path from 'node:path';
import { DataPath, ServerName } from '@contract/http/validation';
import { InvalidRequestError } from '../errors';

/** Where one server's files live on the host (docs/design.md §2, §5). */
export interface ServerPaths {
  /** `{dataPath}/{name}` — the only directory a purge with removeData may delete. */
  root: string;
  bin: string;
  data: string;
  marker: string;
}

export const markerFileName = '.zedops-server-id';

/**
 * Paths for a server, refusing anything that could point outside `{dataPath}/{name}`: the name
 * must be a valid server name and the data path absolute, normalised and not a system directory.
 */
export function serverPaths(dataPath: string, serverName: string): ServerPaths {
  const name = ServerName.safeParse(serverName);
  if (!name.success)
    throw new InvalidRequestError(`invalid server name "${serverName}"`, { serverName });
  const base = DataPath.safeParse(dataPath);
  if (!base.success) {
    throw new InvalidRequestError(
      `invalid data path "${dataPath}": ${base.error.issues[0]?.message ?? 'refused'}`,
      {
        dataPath,
      },
    );
  }
  const root = path.join(dataPath, serverName);
  return {
    root,
    bin: path.join(root, 'bin'),
    data: path.join(root, 'data'),
    marker: path.join(root, markerFileName),
  };
}
