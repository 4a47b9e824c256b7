import { readdir, readFile, stat } from 'node:fs/promises';
import type { ServerPaths } from './server-paths';

export type MarkerState = 'match' | 'mismatch' | 'absent';

export interface DataState {
  /** `data/` exists and is not empty — an empty folder is not a world. */
  dataExists: boolean;
  binExists: boolean;
  marker: MarkerState;
  /** The id in the marker file when there is one. */
  markerServerId: string | null;
}

/** Reads (never writes) what is on disk for one server. */
export async function inspectData(paths: ServerPaths, serverId: string): Promise<DataState> {
  const [dataExists, binExists, markerServerId] = await Promise.all([
    isNonEmptyDir(paths.data),
    isDir(paths.bin),
    readMarker(paths.marker),
  ]);
  return { dataExists, binExists, marker: markerState(markerServerId, serverId), markerServerId };
}

/** What the id found in a folder's marker file (null: none) says about `serverId`'s claim to it. */
export function markerState(markerServerId: string | null, serverId: string): MarkerState {
  return markerServerId === null ? 'absent' : markerServerId === serverId ? 'match' : 'mismatch';
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch (err) {
    if (isMissing(err)) return false;
    throw err;
  }
}

async function isNonEmptyDir(p: string): Promise<boolean> {
  if (!(await isDir(p))) return false;
  return (await readdir(p)).length > 0;
}

async function readMarker(p: string): Promise<string | null> {
  try {
    return (await readFile(p, 'utf8')).trim();
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
