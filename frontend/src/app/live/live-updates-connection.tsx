import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { startLiveUpdates } from '@/lib/live-updates';
import { createLiveCache } from './live-cache';

/**
 * Holds the SSE stream open while someone is signed in (the stream needs the session) and
 * feeds it, with the replies of server mutations, into the query cache.
 */
export function LiveUpdatesConnection() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const cache = createLiveCache(queryClient);
    const stop = startLiveUpdates({
      onEvents: (events) => cache.applyEvents(events),
      onOpen: (openedAt) => cache.resync(openedAt),
    });
    return () => {
      stop();
      cache.dispose();
    };
  }, [queryClient]);
  return null;
}
