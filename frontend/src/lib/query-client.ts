import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

/** One client per app (and per test): no retries on 4xx — the answer will not change. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, err) =>
          !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
        refetchOnWindowFocus: true,
        staleTime: 1_000,
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
