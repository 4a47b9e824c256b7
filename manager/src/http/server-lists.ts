import type { Role } from '@contract/http/auth';
import {
  serverColumn,
  serverColumns,
  serverFields,
  type ListServersQuery,
  type ServerColumn,
  type ServerColumns,
} from '@contract/http/server-columns';
import type { ListServersResponse, Server } from '@contract/http/servers';
import { roleSeesSecrets, serverForRole } from '@contract/secrets';
import type { ListVersion } from '../db/list-version';
import { toRecord } from '../db/server-rows';
import type { ManagerContext } from '../domain/context';
import { serverViews, viewJoiner } from '../domain/server-view';
import { gzipAsync, gzipLevel } from './compress';

/** One server list as asked: every server or one agent's, plain or in columns, for a role. */
export interface ListRequest {
  /** undefined: every server. */
  agentId?: string;
  shape: ListServersQuery['shape'];
  role: Role;
}

/** A list's JSON as sent, and its gzip made once (docs/decisions/0081-compressed-responses.md). */
export interface ListAnswer {
  json: Uint8Array<ArrayBuffer>;
  /** Servers in it. */
  count: number;
  gzipped(level: number): Promise<Uint8Array<ArrayBuffer>>;
}

/** Agents' lists kept at once besides the fleet's: the pages open at a time, not every agent. */
const keptAnswers = 16;

/**
 * A list prepared ahead of any ask lets the event loop run after this much work (looking at the
 * clock every `rowsPerLook` rows and after each column). One someone waits for is built in one
 * go: measured while a 10,000-server reconcile still published its changes, yielding made the
 * overview's first answer wait behind every one of the reconcile's turns (2.0–2.5 s instead of
 * 1.3–1.8 s on a loaded machine).
 */
const rowsPerLook = 500;
const turnBudgetMs = 40;

/** A list being built or built; `hurry` makes a prepared one finish without yielding. */
interface Kept {
  answer: Promise<ListAnswer>;
  hurry(): void;
}

/** After an agent is ready, the fleet's list is built this long after the last such event. */
const warmAfterMs = 100;

/**
 * The server lists' answers, built once per list version and reused until the next change
 * (docs/decisions/0092-cached-server-lists.md): ten thousand servers take a few hundred
 * milliseconds of CPU to read, join, shape and compress, and every dashboard asks for them on
 * each page load and reconnect. A list is a function of the database and the role's view of
 * secrets only, so an answer is dropped exactly when `ListVersion` changes — never by a timer.
 * Asks for a list being built wait for that build instead of starting another.
 */
export class ServerLists {
  private version = '';
  private readonly answers = new Map<string, Kept>();
  private warmTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: ManagerContext,
    private readonly listVersion: ListVersion,
  ) {}

  /**
   * The list as it is now: the kept answer, or a fresh one kept for the next ask. `waiting`:
   * someone waits for it (a request), so it is built without yielding; false when prepared ahead.
   */
  answer(list: ListRequest, waiting = true): Promise<ListAnswer> {
    const version = this.listVersion.current();
    if (version !== this.version) {
      this.answers.clear();
      this.version = version;
    }
    const key = `${list.agentId ?? '*'} ${list.shape ?? 'plain'} ${roleSeesSecrets(list.role)}`;
    let kept = this.answers.get(key);
    if (!kept) {
      const pace = { hurried: waiting };
      // Reads the database now, before any await: the answer is the state at `version`.
      const answer = buildAnswer(this.ctx, list, pace);
      kept = { answer, hurry: () => (pace.hurried = true) };
      if (this.answers.size >= keptAnswers) this.answers.delete(this.answers.keys().next().value!);
      this.answers.set(key, kept);
      const mine = kept;
      answer.catch(() => {
        if (this.answers.get(key) === mine) this.answers.delete(key); // the next ask retries
      });
    } else if (waiting) kept.hurry();
    return kept.answer;
  }

  /**
   * Have the fleet's list in columns (the overview's) ready, gzipped, for operators and admins:
   * run when an agent was reconciled, so the first page load after it finds it built.
   */
  warmSoon(): void {
    clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => {
      this.warmTimer = undefined;
      if (this.ctx.lifecycle.closed) return;
      // answer() throws when the version cannot be read (storage outage): nothing to warm then.
      void Promise.resolve()
        .then(() => this.answer({ shape: 'columns', role: 'operator' }, false))
        .then((built) => built.gzipped(gzipLevel(built.json.byteLength)))
        .catch((err: unknown) => this.ctx.logger.debug({ err }, 'server list not prepared'));
    }, warmAfterMs);
    this.warmTimer.unref();
  }

  close(): void {
    clearTimeout(this.warmTimer);
  }
}

/** The list's JSON, built from the database in one go (the reference the kept answers equal). */
export function buildListJson(ctx: ManagerContext, list: ListRequest): string {
  const rows =
    list.agentId === undefined ? ctx.servers.listAll() : ctx.servers.listByAgent(list.agentId);
  const shown = serverViews(ctx, rows).map((s) => serverForRole(s, list.role));
  if (list.shape === 'columns') return JSON.stringify(serverColumns(shown));
  return JSON.stringify({ servers: shown } satisfies ListServersResponse);
}

/**
 * `buildListJson`'s bytes: the rows, agents and active operations read at once (one state of the
 * database), then made views and put in columns, letting the event loop run between slices
 * unless `pace.hurried` (someone waits for it; set at any time).
 */
async function buildAnswer(
  ctx: ManagerContext,
  list: ListRequest,
  pace: { hurried: boolean },
): Promise<ListAnswer> {
  const rows = ctx.servers.listRows(list.agentId);
  const join = viewJoiner(ctx);
  let turnStart = performance.now();
  const yieldDue = () => !pace.hurried && performance.now() - turnStart >= turnBudgetMs;
  const nextTurn = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    turnStart = performance.now();
  };
  const shown = new Array<Server>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    shown[i] = serverForRole(join(toRecord(rows[i]!)), list.role);
    if (i % rowsPerLook === rowsPerLook - 1 && yieldDue()) await nextTurn();
  }
  let json: string;
  if (list.shape === 'columns') {
    const columns = {} as Record<keyof Server, ServerColumn>;
    for (const field of serverFields) {
      columns[field] = serverColumn(shown, field);
      if (yieldDue()) await nextTurn();
    }
    json = JSON.stringify({ count: shown.length, columns } satisfies ServerColumns);
  } else json = JSON.stringify({ servers: shown } satisfies ListServersResponse);
  return compressible(new TextEncoder().encode(json), shown.length);
}

/** The answer with its gzip made once, on the thread pool, at the first level asked. */
function compressible(json: Uint8Array<ArrayBuffer>, count: number): ListAnswer {
  let zipped: Promise<Uint8Array<ArrayBuffer>> | undefined;
  return {
    json,
    count,
    gzipped(level) {
      zipped ??= gzipAsync(json, { level }).catch((err: unknown) => {
        zipped = undefined; // the next ask tries again
        throw err;
      });
      return zipped;
    },
  };
}
