/** Events between domain parts that must not import each other (reconcile ↔ actions ↔ auto-recreate). */
export interface DomainEventMap {
  /** Docker may now differ from what is stored (a failed or late command): look again soon. */
  'reconcile.requested': { agentId: string; serverId?: string };
  /** The agent (re)connected with Docker reachable and was reconciled: work may go on. */
  'agent.ready': { agentId: string };
  /** An operation reached its end (succeeded or failed) and was recorded. */
  'operation.ended': { operationId: string };
  /** Sessions of this user were ended (disabled, demoted, deleted, password changed): open live streams look again. */
  'sessions.ended': { userId: string };
}

type Handler<K extends keyof DomainEventMap> = (payload: DomainEventMap[K]) => void;

/** A small synchronous in-process bus, wired once in start-manager.ts. */
export class DomainEvents {
  private readonly handlers = new Map<keyof DomainEventMap, Set<Handler<never>>>();

  /** Subscribe; returns the unsubscribe function. */
  on<K extends keyof DomainEventMap>(name: K, handler: Handler<K>): () => void {
    const set = this.handlers.get(name) ?? new Set();
    set.add(handler as Handler<never>);
    this.handlers.set(name, set);
    return () => set.delete(handler as Handler<never>);
  }

  /** Deliver to every handler; one failing handler does not stop the others. */
  emit<K extends keyof DomainEventMap>(name: K, payload: DomainEventMap[K]): void {
    for (const handler of this.handlers.get(name) ?? []) {
      try {
        (handler as Handler<K>)(payload);
      } catch {
        // Handlers log their own failures; the emitter's caller must not fail for them.
      }
    }
  }
}
