import { LiveEvent, liveEventsPath, type LiveEventType } from '@contract/events';
import { createFrameBatch } from './frame-batch';
import { liveStatus } from './live-status';

export type LiveUpdateHandlers = {
  /** A burst of valid events, in arrival order, at most once per animation frame. */
  onEvents: (events: LiveEvent[]) => void;
  /** The stream (re)opened at `openedAt` (ms since epoch): state fetched before may be stale. */
  onOpen: (openedAt: number) => void;
};

/** Back-off before reopening a stream the manager refused (EventSource gives up on its own). */
export const liveReconnect = { firstDelayMs: 2_000, maxDelayMs: 60_000 };

const eventTypes = Object.keys({
  'server.updated': true,
  'servers.updated': true,
  'operation.updated': true,
  'agent.updated': true,
  'snapshot.updated': true,
  'snapshot.deleted': true,
} satisfies Record<LiveEventType, true>);

/**
 * Holds the manager's SSE stream open, reports open/down to `liveStatus` (which turns the
 * fallback polling off/on) and hands parsed events over in per-frame batches. Returns the stop
 * function. Without EventSource (jsdom, very old browsers) the stream stays down: polling rules.
 */
export function startLiveUpdates(handlers: LiveUpdateHandlers): () => void {
  liveStatus.set('down');
  if (typeof EventSource === 'undefined') return () => {};
  const batch = createFrameBatch(handlers.onEvents);
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  const onMessage = (message: MessageEvent<string>) => {
    let json: unknown;
    try {
      json = JSON.parse(message.data);
    } catch {
      return;
    }
    const parsed = LiveEvent.safeParse(json);
    if (parsed.success) batch.push(parsed.data);
  };

  const connect = () => {
    const current = new EventSource(new URL(liveEventsPath, window.location.origin), {
      withCredentials: true,
    });
    source = current;
    current.addEventListener('open', () => {
      failures = 0;
      liveStatus.set('open');
      liveStatus.setConnecting(false);
      handlers.onOpen(Date.now());
    });
    current.addEventListener('error', () => {
      liveStatus.set('down');
      liveStatus.setConnecting(false);
      // A dropped connection is retried by EventSource itself; a refused one (401, 5xx) is not.
      if (current.readyState !== EventSource.CLOSED) return;
      const delay = Math.min(
        liveReconnect.firstDelayMs * 2 ** failures++,
        liveReconnect.maxDelayMs,
      );
      retryTimer = setTimeout(connect, delay);
    });
    for (const type of eventTypes) current.addEventListener(type, onMessage);
    current.addEventListener('message', onMessage);
  };
  liveStatus.setConnecting(true);
  connect();

  return () => {
    clearTimeout(retryTimer);
    source?.close();
    batch.cancel();
    liveStatus.set('down');
    liveStatus.setConnecting(false);
  };
}
