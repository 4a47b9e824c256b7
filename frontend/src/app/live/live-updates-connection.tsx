import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';
import { startLiveUpdates } from '@/lib/live-updates';
import { createLiveCache } from './live-cache';
import { prefetchPageLists } from './page-prefetch';

/**
 * Holds the SSE stream open while someone is signed in (the stream needs the session) and
 * feeds it, with the replies of server mutations, into the query cache.
 */
export function LiveUpdatesConnection() {
  const queryClient = useQueryClient();
  // Where the user is when the stream opens (kept in a ref: a navigation must not reopen it).
  const { pathname } = useLocation();
  const path = useRef(pathname);
  useEffect(() => {
    path.current = pathname;
  }, [pathname]);
  useEffect(() => {
    const cache = createLiveCache(queryClient);
    let opened = false;
    const stop = startLiveUpdates({
      onEvents: (events) => cache.applyEvents(events),
      onOpen: (openedAt) => {
        cache.resync(openedAt);
        if (!opened) prefetchPageLists(queryClient, path.current);
        opened = true;
      },
    });
    return () => {
      stop();
      cache.dispose();
    };
  }, [queryClient]);
  return null;
}
