import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { LiveEvent, liveEventsPath, type LiveEventType } from '@contract/events';

/** Which cached queries each live event makes stale. Events never write into the cache. */
export type LiveInvalidationTable = {
  [T in LiveEventType]: (event: Extract<LiveEvent, { type: T }>) => QueryKey[];
};

/**
 * Subscribes to the manager's SSE stream and invalidates queries through `table`.
 * Returns a stop function. Without EventSource (jsdom, old browsers) it does nothing and
 * the per-query polling keeps the screens fresh.
 */
export function startLiveUpdates(
  queryClient: QueryClient,
  table: LiveInvalidationTable,
): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource(new URL(liveEventsPath, window.location.origin), {
    withCredentials: true,
  });
  const onMessage = (message: MessageEvent<string>) => {
    let json: unknown;
    try {
      json = JSON.parse(message.data);
    } catch {
      return;
    }
    const parsed = LiveEvent.safeParse(json);
    if (!parsed.success) return;
    const event = parsed.data;
    const keys = (table[event.type] as (e: LiveEvent) => QueryKey[])(event);
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
  };
  const types: LiveEventType[] = ['server.updated', 'operation.updated', 'agent.updated'];
  for (const type of types) source.addEventListener(type, onMessage);
  source.addEventListener('message', onMessage);
  return () => source.close();
}
