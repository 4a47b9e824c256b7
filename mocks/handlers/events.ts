import { http, HttpResponse, type PathParams } from 'msw';
import { liveEventsPath, type LiveEvent } from '@contract/events';
import { liveEventForRole } from '@contract/secrets';
import { mockDb } from '../db';
import { guarded, requireUser, route, type Reply } from './respond';

const encoder = new TextEncoder();
const frame = (event: LiveEvent) =>
  encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);

export const eventHandlers = [
  /**
   * GET /api/events: the store's live events as a text/event-stream. A plain streamed response
   * rather than msw's `sse()`, which needs EventSource and so cannot load in Node 20.
   */
  http.get<PathParams, never, Reply<ReadableStream<Uint8Array>>>(
    route(liveEventsPath),
    guarded(({ request }) => {
      requireUser();
      let unsubscribe = () => {};
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(': connected\n\n'));
          const stop = () => {
            unsubscribe();
            try {
              controller.close();
            } catch {
              // already closed by the client
            }
          };
          unsubscribe = mockDb.subscribe((event) => {
            // Like the manager: masked for the subscriber's role; its session over, the stream ends.
            const user = mockDb.currentUser();
            if (!user) return stop();
            try {
              controller.enqueue(frame(liveEventForRole(event, user.role)));
            } catch {
              stop();
            }
          });
          request.signal.addEventListener('abort', stop);
        },
        cancel() {
          unsubscribe();
        },
      });
      return new HttpResponse(stream, {
        headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
      });
    }),
  ),
];
