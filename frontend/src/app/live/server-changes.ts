import type { AgentStatus } from '@contract/http/agents';
import { activeOperationStates, type Operation } from '@contract/http/operations';
import type { Server } from '@contract/http/servers';
import { compareByName } from '@contract/name-order';

/** One change to cached servers, as the stream (or a mutation's reply) delivered it. */
export type ServerChange =
  | { kind: 'server'; server: Server }
  | { kind: 'operation'; operation: Operation }
  | { kind: 'agent-status'; agentId: string; status: AgentStatus };

/** What a pass decided for a server the manager purged: it leaves every list. */
export const purged = Symbol('purged');
export type ResolvedServer = Server | typeof purged | undefined;

type Sequenced = { seq: number; change: ServerChange };

const isActive = (op: Operation) => (activeOperationStates as readonly string[]).includes(op.state);

/** The server with `op` as its active operation, or without it once `op` has ended. */
function withOperation(server: Server, op: Operation): Server {
  if (isActive(op)) return { ...server, activeOperation: op };
  return server.activeOperation?.id === op.id ? { ...server, activeOperation: null } : server;
}

/**
 * The server changes of one write pass, indexed by server and by agent so that each cached
 * list is walked once however many events the pass holds. Changes apply in arrival order.
 */
export class ServerChangeSet {
  private readonly byServer = new Map<string, Sequenced[]>();
  private readonly byAgent = new Map<string, Sequenced[]>();
  /** Servers some change carried in full: the only ones a list may gain. */
  readonly carried = new Map<string, Server>();
  private seq = 0;

  add(change: ServerChange): void {
    const entry = { seq: this.seq++, change };
    if (change.kind === 'agent-status') return push(this.byAgent, change.agentId, entry);
    if (change.kind === 'server') this.carried.set(change.server.id, change.server);
    const serverId = change.kind === 'server' ? change.server.id : change.operation.serverId;
    push(this.byServer, serverId, entry);
  }

  get size(): number {
    return this.seq;
  }

  /** True when some change may alter `server` (a cheap test before `resolve`). */
  touches(server: Server): boolean {
    return this.byServer.has(server.id) || this.byAgent.has(server.agentId);
  }

  /**
   * `base` (the cached copy, if any) after every change of this pass: a new object, `purged`,
   * or `base` itself when nothing applied. Without a base only a full server starts the fold.
   */
  resolve(serverId: string, base: Server | undefined): ResolvedServer {
    const agentId = base?.agentId ?? this.carried.get(serverId)?.agentId;
    const changes = [
      ...(this.byServer.get(serverId) ?? []),
      ...((agentId && this.byAgent.get(agentId)) || []),
    ].sort((a, b) => a.seq - b.seq);
    let current: ResolvedServer = base;
    for (const { change } of changes) {
      if (current === purged) break;
      if (change.kind === 'server') current = change.server;
      else if (!current) continue;
      else if (change.kind === 'agent-status') {
        if (current.agentStatus !== change.status)
          current = { ...current, agentStatus: change.status };
      } else if (change.operation.kind === 'purge' && change.operation.state === 'succeeded')
        current = purged;
      else current = withOperation(current, change.operation);
    }
    return current;
  }
}

function push(map: Map<string, Sequenced[]>, key: string, entry: Sequenced): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

/**
 * A cached server list after a pass: changed servers replaced, purged ones dropped, servers it
 * did not hold inserted in the manager's list order (contract/name-order.ts) when `belongs` says
 * they are its kind. Returns `list` itself when nothing changed, so an untouched query is not
 * written.
 */
export function patchServerList(
  list: Server[],
  changes: ServerChangeSet,
  belongs: (server: Server) => boolean,
): Server[] {
  let changed = false;
  const held = new Set<string>();
  const next: Server[] = [];
  for (const server of list) {
    if (!changes.touches(server)) {
      next.push(server);
      continue;
    }
    held.add(server.id);
    const resolved = changes.resolve(server.id, server);
    if (resolved !== server) changed = true;
    if (resolved && resolved !== purged) next.push(resolved);
  }
  for (const serverId of changes.carried.keys()) {
    if (held.has(serverId)) continue;
    const resolved = changes.resolve(serverId, undefined);
    if (!resolved || resolved === purged || !belongs(resolved)) continue;
    const at = next.findIndex((s) => compareByName(s, resolved) > 0);
    next.splice(at === -1 ? next.length : at, 0, resolved);
    changed = true;
  }
  return changed ? next : list;
}

/** A cached list of entities with ids after replacing or adding `items` (added in list order). */
export function upsertByName<T extends { id: string; name: string }>(list: T[], items: T[]): T[] {
  const next = [...list];
  for (const item of items) {
    const at = next.findIndex((x) => x.id === item.id);
    if (at !== -1) next[at] = item;
    else {
      const before = next.findIndex((x) => compareByName(x, item) > 0);
      next.splice(before === -1 ? next.length : before, 0, item);
    }
  }
  return next;
}
