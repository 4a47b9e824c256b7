import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';
import { startLiveUpdates } from '@/lib/live-updates';
import { createLiveCache } from './live-cache';
import { prefetchPageLists } from './page-prefetch';

/**
 * Opens the SSE stream into `queryClient`'s cache: events (and the replies of server
 * mutations) are written in, and the first open asks for the lists of the page the user is on
 * then (`pathname()`). Returns the stop function.
 */
function connect(queryClient: QueryClient, pathname: () => string): () => void {
  const cache = createLiveCache(queryClient);
  let opened = false;
  const stop = startLiveUpdates({
    onEvents: (events) => cache.applyEvents(events),
    onOpen: (openedAt) => {
      cache.resync(openedAt);
      if (!opened) prefetchPageLists(queryClient, pathname());
      opened = true;
    },
  });
  return () => {
    stop();
    cache.dispose();
  };
}

/** A stream opened by the entry before the first render, until the signed-in screen takes it. */
let early: { queryClient: QueryClient; userId: string; stop: () => void } | null = null;

/**
 * Called by the entry once it knows someone is signed in, before the route chunks and the first
 * render: the stream, and the lists that wait for it (the overview's are asked for when it
 * opens), need not wait for that render (0.1–0.2 s on the benchmark's machine). The signed-in
 * screen's `LiveUpdatesConnection` takes it over (a signed-in visitor of the login page is sent
 * to one).
 */
export function openLiveUpdatesEarly(queryClient: QueryClient, userId: string): void {
  early ??= { queryClient, userId, stop: connect(queryClient, () => window.location.pathname) };
}

/**
 * Holds the SSE stream open while someone is signed in (the stream needs the session) and
 * feeds it, with the replies of server mutations, into the query cache.
 */
export function LiveUpdatesConnection({ userId }: { userId: string }) {
  const queryClient = useQueryClient();
  // Where the user is when the stream opens (kept in a ref: a navigation must not reopen it).
  const { pathname } = useLocation();
  const path = useRef(pathname);
  useEffect(() => {
    path.current = pathname;
  }, [pathname]);
  useEffect(() => {
    // The entry's stream only when it is this client's and was opened for this user: the session
    // may have ended and another user signed in before this screen came (the stream carries the
    // session it opened with). Any other early stream is closed.
    const taken = early;
    early = null;
    if (taken?.queryClient === queryClient && taken.userId === userId) return taken.stop;
    taken?.stop();
    return connect(queryClient, () => path.current);
  }, [queryClient, userId]);
  return null;
}
