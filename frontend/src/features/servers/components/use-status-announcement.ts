import { useEffect, useRef } from 'react';
import type { Server } from '@contract/http/servers';
import { announce } from '@/components/ui/announcer';
import { serverStatusLook } from './server-status-badge';

/** What a screen reader hears when the status shown for `server` changes. */
export function statusChangeSentence(server: Server): string {
  const look = serverStatusLook(server);
  return look.text === 'Agent offline'
    ? `${server.name}: its agent is offline, status unknown`
    : `${server.name} is now ${look.text}`;
}

/**
 * Announces a change of the status a page shows ("ui-accept is now Missing"), whatever
 * changed it: a live event, this user's operation or someone else's. Not the first status a
 * page shows, and not when the page switches to another server.
 */
export function useStatusAnnouncement(server: Server | undefined): void {
  const id = server?.id;
  const shown = server ? serverStatusLook(server).text : null;
  const sentence = server ? statusChangeSentence(server) : null;
  const last = useRef<{ id: string; shown: string } | null>(null);
  useEffect(() => {
    if (!id || !shown || !sentence) return;
    const before = last.current;
    last.current = { id, shown };
    if (before?.id === id && before.shown !== shown) announce(sentence);
  }, [id, shown, sentence]);
}
