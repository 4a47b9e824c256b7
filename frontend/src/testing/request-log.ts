import { server } from '@mocks/node';

export type LoggedRequest = { method: string; path: string; body: unknown };

/**
 * Records every request the app sends (method, path + query, JSON body) so a test can assert
 * what went over the wire — e.g. `allowFreshStart: true`, or exactly one POST after a double-click.
 */
export function recordRequests() {
  const log: LoggedRequest[] = [];
  const listener = async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.clone().text();
    log.push({
      method: request.method,
      path: url.pathname + url.search,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    });
  };
  server.events.on('request:start', listener);
  return {
    log,
    /** Requests with this method whose path ends with `suffix`. */
    matching: (method: string, suffix: string) =>
      log.filter((r) => r.method === method && r.path.endsWith(suffix)),
    stop: () => server.events.removeListener('request:start', listener),
  };
}
