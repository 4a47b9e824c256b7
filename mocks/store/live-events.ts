import type { LiveEvent } from '@contract/events';

export type LiveEventListener = (event: LiveEvent) => void;

/** The tiny emitter behind `GET /api/events` and `mockDb.subscribe`. */
export function createLiveEvents() {
  const listeners = new Set<LiveEventListener>();
  return {
    /** Registers a listener; returns the function that removes it. */
    subscribe(listener: LiveEventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Delivers an event to every listener; a throwing listener does not stop the others. */
    emit(event: LiveEvent): void {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          console.warn('[mocks] live event listener failed', error);
        }
      }
    },
  };
}
