import { serverEvents } from '@contract/events';
import type { AuditAction, AuditEntry, AuditOutcome } from '@contract/http/audit';
import type { Agent } from '@contract/http/agents';
import type { Operation } from '@contract/http/operations';
import type { Server } from '@contract/http/servers';
import type { OperationError } from '@contract/errors';
import { NotFoundError } from './errors';
import { createLiveEvents } from './live-events';
import type { MockState, OperationPlan, ServerRecord } from './state';

/**
 * State plus the primitives every store module shares: lookups that throw NOT_FOUND, id
 * generation, audit writing, live-event emission and the timers of running operations.
 */
export class StoreCore {
  readonly events = createLiveEvents();
  /** How long each operation phase takes, in ms. */
  delayMs = 1200;
  /** Injected failures: the next operation on each server ends `failed` with this error. */
  readonly failures = new Map<string, OperationError>();
  /** Injected snapshot failures: the next snapshot of each server fails with this error. */
  readonly snapshotFailures = new Map<string, OperationError>();
  /** Called after every change (the browser persists the state from here). */
  onChange: (() => void) | null = null;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(public state: MockState) {}

  now(): string {
    return new Date().toISOString();
  }

  newId(prefix: string): string {
    const n = this.state.nextId++;
    return `${prefix}-${n.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  }

  agent(agentId: string): Agent {
    const agent = this.state.agents.find((a) => a.id === agentId);
    if (!agent) throw new NotFoundError(`Agent ${agentId} not found`);
    return agent;
  }

  record(serverId: string): ServerRecord {
    const server = this.state.servers.find((s) => s.id === serverId);
    if (!server) throw new NotFoundError(`Server ${serverId} not found`);
    return server;
  }

  operation(operationId: string): Operation {
    const operation = this.state.operations.find((o) => o.id === operationId);
    if (!operation) throw new NotFoundError(`Operation ${operationId} not found`);
    return operation;
  }

  plan(operationId: string): OperationPlan | undefined {
    return this.state.plans.find((p) => p.operationId === operationId);
  }

  /** The contract view of a stored server, with its derived fields. */
  view(record: ServerRecord): Server {
    const { activeOperationId, ...fields } = record;
    const agent = this.agent(record.agentId);
    const active = activeOperationId
      ? this.state.operations.find((o) => o.id === activeOperationId)
      : undefined;
    return {
      ...fields,
      config: { ...fields.config },
      effectiveDataPath: record.serverDataPath ?? agent.serverDataPath,
      agentStatus: agent.status,
      activeOperation: active ? { ...active } : null,
    };
  }

  audit(entry: {
    action: AuditAction;
    outcome: AuditOutcome;
    actor: string;
    server?: ServerRecord;
    agentId?: string | null;
    operationId?: string | null;
    details?: Record<string, unknown>;
  }): AuditEntry {
    const written: AuditEntry = {
      id: this.newId('audit'),
      at: this.now(),
      actor: entry.actor,
      action: entry.action,
      outcome: entry.outcome,
      serverId: entry.server?.id ?? null,
      agentId: entry.server?.agentId ?? entry.agentId ?? null,
      operationId: entry.operationId ?? null,
      details: entry.details ?? {},
    };
    this.state.audit.push(written);
    this.changed();
    return written;
  }

  emitServer(record: ServerRecord): void {
    record.updatedAt = this.now();
    this.events.emit({ type: 'server.updated', server: this.view(record) });
    this.changed();
  }

  emitOperation(operation: Operation): void {
    this.events.emit({ type: 'operation.updated', operation: { ...operation } });
    const server = this.state.servers.find((s) => s.id === operation.serverId);
    if (server) this.emitServer(server);
    else this.changed();
  }

  emitAgent(agent: Agent): void {
    this.events.emit({ type: 'agent.updated', agent: { ...agent } });
    // Its servers together, as the manager sends a burst: one servers.updated for many.
    const servers = this.state.servers.filter((s) => s.agentId === agent.id);
    for (const server of servers) server.updatedAt = this.now();
    for (const event of serverEvents(servers.map((s) => this.view(s)))) this.events.emit(event);
    this.changed();
  }

  /** Runs `fn` after `ms`, keyed by operation so a cancel or reset can drop it. */
  schedule(operationId: string, ms: number, fn: () => void): void {
    this.unschedule(operationId);
    this.timers.set(
      operationId,
      setTimeout(() => {
        this.timers.delete(operationId);
        fn();
      }, ms),
    );
  }

  unschedule(operationId: string): void {
    const timer = this.timers.get(operationId);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(operationId);
  }

  clearTimers(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Notifies `onChange` (persistence) of a change that emits no live event, e.g. a logout. */
  changed(): void {
    this.onChange?.();
  }
}
