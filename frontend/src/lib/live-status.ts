import { useSyncExternalStore } from 'react';

/**
 * Whether the live event stream is open — the one place that knows. While it is open the
 * events keep the query cache current and nothing polls; while it is connecting or down,
 * the queries fall back to polling (see `polling.ts`).
 */
export type LiveStreamState = 'down' | 'open';

let state: LiveStreamState = 'down';
const listeners = new Set<() => void>();
/** The stream's first attempt, while it is under way: settled when it opens or fails. */
let attempt: {
  settled: Promise<void>;
  settle: () => void;
  timer: ReturnType<typeof setTimeout>;
} | null = null;

/**
 * How long the lists wait at most for the stream's first answer: a stream held up on the way
 * (a proxy that buffers it) must not keep the page empty. They load without it, as when it fails.
 */
export const streamAnswerWait = { ms: 3_000 };

export const liveStatus = {
  get: (): LiveStreamState => state,
  isOpen: (): boolean => state === 'open',
  /** Called by the stream connection only. */
  set(next: LiveStreamState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...listeners]) listener();
  },
  /** Called by the stream connection only: it starts connecting (`true`) or got an answer. */
  setConnecting(connecting: boolean): void {
    if (connecting && !attempt) {
      let settle = () => {};
      const settled = new Promise<void>((resolve) => (settle = resolve));
      const timer = setTimeout(() => liveStatus.setConnecting(false), streamAnswerWait.ms);
      attempt = { settled, settle, timer };
    } else if (!connecting && attempt) {
      clearTimeout(attempt.timer);
      attempt.settle();
      attempt = null;
    }
  },
  /**
   * Resolves once the stream has opened or failed (or `streamAnswerWait` passed), at once when
   * it is not connecting. A list the stream keeps current waits for it before its request goes
   * out: a list fetched before the stream opens must be fetched again once it is open (it may
   * have missed events).
   */
  settled(): Promise<void> {
    return attempt?.settled ?? Promise.resolve();
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
