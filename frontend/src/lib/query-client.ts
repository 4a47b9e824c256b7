import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';
import { liveStatus } from './live-status';

/** How long fetched data counts as fresh: no refetch on window focus or remount before that. */
export const freshForMs = 1_000;

/**
 * `staleTime` of the lists the live stream keeps current: fresh for as long as the stream is
 * open (a 10,000-server list is not fetched again on every window focus or return to the page),
 * the usual `freshForMs` while it is down. A stream that reopens refetches them explicitly.
 */
export const freshWhileStreamOpen = () => (liveStatus.isOpen() ? Infinity : freshForMs);

/** One client per app (and per test): no retries on 4xx — the answer will not change. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, err) =>
          !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
        refetchOnWindowFocus: true,
        staleTime: freshForMs,
      },
      mutations: { retry: false },
    },
  });
}

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /**
       * The reply carries the changed server and/or operation(s): the live cache writes them in
       * before the mutation stops pending (instead of refetching the lists).
       */
      writesReply?: boolean;
    };
  }
}
