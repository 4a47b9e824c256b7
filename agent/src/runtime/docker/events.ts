import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { ContainerEvent, EventWatchHandlers } from '../container-runtime';
import { labels } from '../labels';
import { readJsonLines } from './json-lines';

const watchedActions = ['create', 'start', 'stop', 'die', 'destroy'] as const;
type WatchedAction = (typeof watchedActions)[number];

interface DockerEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

/**
 * Follows `GET /events` for managed containers. When the stream ends (dockerd stopped or
 * restarted) it re-subscribes with backoff, asking for events `since` the last one seen so
 * nothing that happened while it was reconnecting is lost.
 */
export function watchContainerEvents(
  docker: Docker,
  handlers: EventWatchHandlers,
  logger: Logger,
): { stop(): void } {
  let stopped = false;
  let abort: AbortController | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  // Report only transitions, so a long dockerd outage is one log line, not one per retry.
  let streamUp = true;
  const down = (reason: string) => {
    if (streamUp) handlers.onStreamDown(reason);
    streamUp = false;
  };
  let since = Math.floor(Date.now() / 1000);
  // Re-subscribing `since` a whole second replays that second's events; drop the ones already sent.
  const recent = new Set<string>();

  const subscribe = async () => {
    if (stopped) return;
    abort = new AbortController();
    try {
      const stream = (await docker.getEvents({
        since,
        filters: {
          type: ['container'],
          event: [...watchedActions],
          label: [`${labels.managed}=true`],
        },
        abortSignal: abort.signal,
      } as Docker.GetEventsOptions)) as unknown as Readable;
      failures = 0;
      streamUp = true;
      handlers.onStreamUp();
      await readJsonLines(stream, (value) => {
        const raw = value as DockerEvent;
        const event = toContainerEvent(raw);
        if (!event) return;
        const key = `${raw.timeNano ?? raw.time}:${event.containerId}:${event.action}`;
        if (recent.has(key)) return;
        recent.add(key);
        if (recent.size > 500) recent.delete(recent.values().next().value as string);
        since = Math.max(since, Math.floor(Date.parse(event.at) / 1000));
        handlers.onEvent(event);
      });
      if (!stopped) down('docker event stream ended');
    } catch (err) {
      if (stopped) return;
      down(`docker event stream failed: ${(err as Error).message}`);
    }
    if (stopped) return;
    failures += 1;
    const cap = Math.min(10_000, 250 * 2 ** Math.min(failures, 6));
    const delay = cap / 2 + Math.random() * (cap / 2);
    logger.debug({ delayMs: Math.round(delay) }, 'docker events: re-subscribing');
    retryTimer = setTimeout(() => void subscribe(), delay);
  };

  void subscribe();
  return {
    stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      abort?.abort();
    },
  };
}

function toContainerEvent(event: DockerEvent): ContainerEvent | null {
  if (event.Type !== 'container' || !watchedActions.includes(event.Action as WatchedAction))
    return null;
  const attributes = event.Actor?.Attributes ?? {};
  const serverId = attributes[labels.serverId];
  const containerId = event.Actor?.ID;
  if (!serverId || !containerId) return null;
  const atMs = event.timeNano
    ? Math.floor(event.timeNano / 1e6)
    : (event.time ?? Date.now() / 1000) * 1000;
  return {
    action: event.Action as WatchedAction,
    containerId,
    serverId,
    serverName: attributes[labels.serverName] ?? null,
    at: new Date(atMs).toISOString(),
  };
}
