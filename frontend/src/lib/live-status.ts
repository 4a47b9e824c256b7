import { useSyncExternalStore } from 'react';

/**
 * Whether the live event stream is open — the one place that knows. While it is open the
 * events keep the query cache current and nothing polls; while it is connecting or down,
 * the queries fall back to polling (see `polling.ts`).
 */
export type LiveStreamState = 'down' | 'open';

let state: LiveStreamState = 'down';
const listeners = new Set<() => void>();

export const liveStatus = {
  get: (): LiveStreamState => state,
  isOpen: (): boolean => state === 'open',
  /** Called by the stream connection only. */
  set(next: LiveStreamState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...listeners]) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** Re-renders the caller when the stream opens or goes down. */
export function useLiveStreamOpen(): boolean {
  return useSyncExternalStore(liveStatus.subscribe, liveStatus.isOpen, liveStatus.isOpen);
}
