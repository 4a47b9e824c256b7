import { LiveEvent } from '@contract/events';

export type LiveListener = (event: LiveEvent) => void;

/** Fan-out of contract LiveEvents to SSE subscribers (the browser's live updates). */
export class LiveEvents {
  private readonly listeners = new Set<LiveListener>();

  /** Register a listener; returns the unsubscribe function. */
  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validate against the contract, then deliver to every subscriber. */
  publish(event: LiveEvent): void {
    const parsed = LiveEvent.parse(event);
    for (const listener of this.listeners) {
      try {
        listener(parsed);
      } catch {
        // A broken subscriber (closed stream) must not stop the others.
      }
    }
  }

  /** Number of open subscribers (tests, diagnostics). */
  get size(): number {
    return this.listeners.size;
  }
}
