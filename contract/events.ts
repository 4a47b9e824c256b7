import { z } from './zod';
import { Agent } from './http/agents';
import { Operation } from './http/operations';
import { Server } from './http/servers';
import { Snapshot } from './http/snapshots';

/**
 * Live events pushed to the browser over SSE at `GET /api/events` (event name = `type`). Each
 * carries the changed entity. `agent.updated` also stands for the `agentStatus` of that agent's
 * servers: it is not repeated as one `server.updated` per server.
 */
export const LiveEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('server.updated'), server: Server }),
  /**
   * A burst of changed servers (a reconcile of a big fleet) in one event, each server as
   * `server.updated` would carry it; fewer than `serversInOneEventFrom` go out one by one
   * (`serverEvents`).
   */
  z.object({ type: z.literal('servers.updated'), servers: z.array(Server) }),
  z.object({ type: z.literal('operation.updated'), operation: Operation }),
  z.object({ type: z.literal('agent.updated'), agent: Agent }),
  /** A snapshot was recorded or changed (creating → ready | failed). */
  z.object({ type: z.literal('snapshot.updated'), snapshot: Snapshot }),
  /** A snapshot was deleted (by an admin, the retention, or a purge); carries its last state. */
  z.object({ type: z.literal('snapshot.deleted'), snapshot: Snapshot }),
]);
export type LiveEvent = z.infer<typeof LiveEvent>;
export type LiveEventType = LiveEvent['type'];

export const liveEventsPath = '/api/events';

/**
 * From this many servers changed together on, they go out as one `servers.updated`: one frame,
 * one parse and one cache write for a burst instead of one each (docs/decisions/0090-reconcile-at-fleet-scale.md).
 * A change of a few servers (an action, a Docker event) stays `server.updated`.
 */
export const serversInOneEventFrom = 20;

/** The live events for servers that changed together (the one rule, for manager and mocks). */
export function serverEvents(servers: Server[]): LiveEvent[] {
  if (servers.length >= serversInOneEventFrom) return [{ type: 'servers.updated', servers }];
  return servers.map((server) => ({ type: 'server.updated', server }));
}
