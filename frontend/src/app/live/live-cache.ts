import {
  notifyManager,
  type Mutation,
  type QueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import type { LiveEvent, LiveEventType } from '@contract/events';
import type { Agent } from '@contract/http/agents';
import type { Operation } from '@contract/http/operations';
import type { Server } from '@contract/http/servers';
import type { Snapshot } from '@contract/http/snapshots';
import { agentKeys } from '@/features/agents/api/keys';
import { auditKeys } from '@/features/audit/api/keys';
import { operationKeys } from '@/features/operations/api/keys';
import { serverKeys } from '@/features/servers/api/keys';
import {
  patchServerList,
  purged,
  ServerChangeSet,
  upsertByName,
  type ServerChange,
} from './server-changes';
import { patchSnapshotList, type SnapshotChange } from './snapshot-changes';
import { WriteReplay } from './write-replay';

/** One entity to write into the cache. */
export type CacheWrite =
  ServerChange | { kind: 'agent'; agent: Agent } | ({ kind: 'snapshot' } & SnapshotChange);

/** What each live event writes. The events carry whole entities, so nothing is refetched. */
const writesOf: { [T in LiveEventType]: (event: Extract<LiveEvent, { type: T }>) => CacheWrite[] } =
  {
    'server.updated': (e) => [{ kind: 'server', server: e.server }],
    'servers.updated': (e) => e.servers.map((server) => ({ kind: 'server', server })),
    'operation.updated': (e) => [{ kind: 'operation', operation: e.operation }],
    'agent.updated': (e) => [{ kind: 'agent', agent: e.agent }],
    'snapshot.updated': (e) => [{ kind: 'snapshot', snapshot: e.snapshot, deleted: false }],
    'snapshot.deleted': (e) => [{ kind: 'snapshot', snapshot: e.snapshot, deleted: true }],
  };

/** How long audit lists wait before one refetch covers every event of a burst. */
export const auditRefresh = { delayMs: 1_000 };

/** The queries whose data this module keeps current (and so must protect from stale fetches). */
const liveRoots = new Set<unknown>([serverKeys.all[0], agentKeys.all[0], operationKeys.all[0]]);
const serverParts = new Set<unknown>([
  serverKeys.lists()[1],
  serverKeys.details()[1],
  serverKeys.snapshots('')[1],
]);
const isLive = (key: QueryKey) =>
  liveRoots.has(key[0]) && (key[0] !== serverKeys.all[0] || serverParts.has(key[1]));

/**
 * The one place live state enters the query cache: live events, and the replies of mutations
 * marked `meta.writesReply` (written before the mutation stops pending, so a button never
 * re-enables before the server's new active operation shows). Returns `dispose`-able handle.
 */
export function createLiveCache(queryClient: QueryClient) {
  const replay = new WriteReplay<CacheWrite[]>();
  let auditTimer: ReturnType<typeof setTimeout> | undefined;

  const write = (writes: CacheWrite[], { record = true } = {}) => {
    if (writes.length === 0) return;
    if (record) replay.record(writes);
    writePass(queryClient, writes);
    if (auditTimer === undefined && writes.some((w) => w.kind !== 'agent'))
      auditTimer = setTimeout(() => {
        auditTimer = undefined;
        void queryClient.invalidateQueries({ queryKey: auditKeys.all });
      }, auditRefresh.delayMs);
  };

  /** A response landed: write the writes it missed on top of it (or refetch when they were lost). */
  const replayOver = (missed: CacheWrite[][] | 'refetch', refetch: () => void) => {
    if (missed === 'refetch') refetch();
    else write(missed.flat(), { record: false });
  };

  const stopQueries = queryClient.getQueryCache().subscribe((event) => {
    if (!isLive(event.query.queryKey)) return;
    if (event.type === 'removed') return void replay.end(event.query.queryHash);
    if (event.type !== 'updated') return;
    const { query, action } = event;
    if (action.type === 'fetch') return replay.begin(query.queryHash);
    if (query.state.fetchStatus !== 'idle' || !replay.isTracking(query.queryHash)) return;
    const missed = replay.end(query.queryHash);
    if (action.type === 'success' && !action.manual)
      replayOver(missed, () => void queryClient.invalidateQueries({ queryKey: query.queryKey }));
  });

  const stopMutations = queryClient.getMutationCache().subscribe((event) => {
    if (event.type !== 'updated' || !event.mutation.meta?.writesReply) return;
    const key = `mutation:${event.mutation.mutationId}`;
    const { action } = event;
    if (action.type === 'pending') return replay.begin(key);
    if (action.type === 'error') return void replay.end(key);
    if (action.type !== 'success') return;
    const missed = replay.end(key);
    write(replyWrites(event.mutation));
    replayOver(missed, () => void queryClient.invalidateQueries({ queryKey: serverKeys.all }));
  });

  return {
    /** Writes a burst of live events in one pass. */
    applyEvents(events: LiveEvent[]): void {
      write(events.flatMap((e) => (writesOf[e.type] as (e: LiveEvent) => CacheWrite[])(e)));
    },
    /**
     * After the stream (re)opens: what was fetched before it may have missed events, so
     * refetch it once. Fetches still in flight are covered by the replay.
     */
    resync(openedAt: number): void {
      void queryClient.invalidateQueries({
        predicate: (q) =>
          (isLive(q.queryKey) || q.queryKey[0] === auditKeys.all[0]) &&
          q.state.fetchStatus === 'idle' &&
          q.state.dataUpdatedAt < openedAt,
      });
    },
    dispose(): void {
      stopQueries();
      stopMutations();
      clearTimeout(auditTimer);
    },
  };
}

export type LiveCache = ReturnType<typeof createLiveCache>;

/** The entities a 202 (or PATCH) reply carries: its operation(s), then its server. */
function replyWrites(mutation: Mutation<unknown, unknown, unknown, unknown>): CacheWrite[] {
  const reply = mutation.state.data as
    { server?: Server; operation?: Operation; operations?: Operation[] } | undefined;
  const writes: CacheWrite[] = [];
  if (reply?.operation) writes.push({ kind: 'operation', operation: reply.operation });
  // Recover all: one recreate per server, each the server's new active operation.
  for (const operation of reply?.operations ?? []) writes.push({ kind: 'operation', operation });
  if (reply?.server) writes.push({ kind: 'server', server: reply.server });
  return writes;
}

/** One pass: every cached list, detail and operation is written at most once. */
function writePass(queryClient: QueryClient, writes: CacheWrite[]): void {
  const servers = new ServerChangeSet();
  const operations = new Map<string, Operation>();
  const agents = new Map<string, Agent>();
  const snapshots = new Map<string, SnapshotChange[]>();
  for (const w of writes) {
    if (w.kind === 'snapshot') {
      const changes = snapshots.get(w.snapshot.serverId) ?? [];
      changes.push(w);
      snapshots.set(w.snapshot.serverId, changes);
      continue;
    }
    if (w.kind === 'agent') {
      agents.set(w.agent.id, w.agent);
      servers.add({ kind: 'agent-status', agentId: w.agent.id, status: w.agent.status });
      continue;
    }
    if (w.kind === 'operation') operations.set(w.operation.id, w.operation);
    servers.add(w);
  }
  const cache = queryClient.getQueryCache();
  notifyManager.batch(() => {
    for (const query of cache.findAll({ queryKey: serverKeys.lists() })) {
      const list = query.state.data as Server[] | undefined;
      if (!list) continue; // still loading: the replay writes over its response
      const [, , scope, agentId] = query.queryKey;
      const belongs = (s: Server) => scope === 'all' || s.agentId === agentId;
      const next = patchServerList(list, servers, belongs);
      if (next !== list) queryClient.setQueryData(query.queryKey, next);
    }
    for (const query of cache.findAll({ queryKey: serverKeys.details() })) {
      const base = query.state.data as Server | undefined;
      const next = servers.resolve(String(query.queryKey[2]), base);
      if (next === purged) void queryClient.invalidateQueries({ queryKey: query.queryKey });
      else if (next && next !== base) queryClient.setQueryData(query.queryKey, next);
    }
    for (const operation of operations.values()) {
      const queryKey = operationKeys.detail(operation.id);
      if (cache.find({ queryKey, exact: true })) queryClient.setQueryData(queryKey, operation);
    }
    for (const [serverId, changes] of snapshots) {
      const queryKey = serverKeys.snapshots(serverId);
      const list = queryClient.getQueryData<Snapshot[]>(queryKey);
      if (!list) continue; // not shown, or still loading: the replay writes over its response
      const next = patchSnapshotList(list, changes);
      if (next !== list) queryClient.setQueryData(queryKey, next);
    }
    if (agents.size > 0)
      queryClient.setQueryData<Agent[]>(agentKeys.list(), (list) =>
        list ? upsertByName(list, [...agents.values()]) : list,
      );
  });
}
