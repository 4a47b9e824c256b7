import { useEffect, useSyncExternalStore } from 'react';

/**
 * The dashboard's one polite live region. Anything a screen-reader user should hear without
 * moving focus (a status change, the end of an operation, a toast) goes through `announce`;
 * components never render live regions of their own, which screen readers would read
 * unreliably (a region inserted together with its text is often not read at all) and out of
 * order. The region is a log: each message is a new line, so two equal messages in a row are
 * both read, and the last few stay for whoever reviews them.
 */
type Message = { id: number; text: string };

const kept = 5;
let messages: Message[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

const emit = () => listeners.forEach((listener) => listener());

/** Say `text` politely (after what the screen reader is currently reading). */
export function announce(text: string): void {
  messages = [...messages.slice(-(kept - 1)), { id: nextId++, text }];
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => messages;

/** Mounted once, by the app's providers; starts empty (an earlier app's messages are gone). */
export function LiveAnnouncer() {
  const current = useSyncExternalStore(subscribe, snapshot, snapshot);
  useEffect(() => {
    messages = [];
    emit();
  }, []);
  return (
    <div role="log" aria-live="polite" aria-label="Announcements" className="sr-only">
      {current.map((m) => (
        <p key={m.id}>{m.text}</p>
      ))}
    </div>
  );
}
