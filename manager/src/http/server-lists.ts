import type { ListServersQuery } from '@contract/http/server-columns';
import { serverColumns } from '@contract/http/server-columns';
import type { ListServersResponse } from '@contract/http/servers';
import type { Role } from '@contract/http/auth';
import { roleSeesSecrets, serverForRole } from '@contract/secrets';
import type { ListVersion } from '../db/list-version';
import type { ManagerContext } from '../domain/context';
import { gzipAsync } from './compress';
import { serverViews } from '../domain/server-view';

/** One server list as asked: every server or one agent's, plain or in columns, for a role. */
export interface ListRequest {
  /** undefined: every server. */
  agentId?: string;
  shape: ListServersQuery['shape'];
  role: Role;
}

/** A list's JSON as sent, and its gzip once someone asked for it (docs/decisions/0081). */
export interface ListAnswer {
  json: Uint8Array<ArrayBuffer>;
  gzipped(level: number): Promise<Uint8Array<ArrayBuffer>>;
}

/** Agents' lists kept at once besides the fleet's: the pages open at a time, not every agent. */
const keptAnswers = 16;

/**
 * The server lists' answers, built once per list version and reused until the next change
 * (docs/decisions/0092-cached-server-lists.md): ten thousand servers take a few hundred
 * milliseconds of CPU to read, join, shape and compress, and every dashboard asks for them on
 * each page load and reconnect. A list is a function of the database and the role's view of
 * secrets only, so an answer is dropped exactly when `ListVersion` changes — never by a timer.
 */
export class ServerLists {
  private version = '';
  private readonly answers = new Map<string, ListAnswer>();

  constructor(
    private readonly ctx: ManagerContext,
    private readonly listVersion: ListVersion,
  ) {}

  /** The list as it is now: the kept answer, or a fresh one kept for the next ask. */
  answer(list: ListRequest): ListAnswer {
    const version = this.listVersion.current();
    if (version !== this.version) {
      this.answers.clear();
      this.version = version;
    }
    const key = `${list.agentId ?? '*'} ${list.shape ?? 'plain'} ${roleSeesSecrets(list.role)}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = compressible(new TextEncoder().encode(buildListJson(this.ctx, list)));
      if (this.answers.size >= keptAnswers) this.answers.delete(this.answers.keys().next().value!);
      this.answers.set(key, answer);
    }
    return answer;
  }
}

/** The list's JSON, built from the database now (what every answer was before caching). */
export function buildListJson(ctx: ManagerContext, list: ListRequest): string {
  const rows =
    list.agentId === undefined ? ctx.servers.listAll() : ctx.servers.listByAgent(list.agentId);
  const shown = serverViews(ctx, rows).map((s) => serverForRole(s, list.role));
  if (list.shape === 'columns') return JSON.stringify(serverColumns(shown));
  return JSON.stringify({ servers: shown } satisfies ListServersResponse);
}

/** The answer with its gzip made once, on the thread pool, at the first level asked. */
function compressible(json: Uint8Array<ArrayBuffer>): ListAnswer {
  let zipped: Promise<Uint8Array<ArrayBuffer>> | undefined;
  return {
    json,
    gzipped(level) {
      zipped ??= gzipAsync(json, { level }).catch((err: unknown) => {
        zipped = undefined; // the next ask tries again
        throw err;
      });
      return zipped;
    },
  };
}
