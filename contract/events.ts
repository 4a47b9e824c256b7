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
