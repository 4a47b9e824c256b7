/** How long a batch may wait when animation frames do not run (hidden tab, no rAF). */
export const frameFallbackMs = 250;

/**
 * Collects items and hands them over together once per animation frame, so a burst of live
 * events becomes one cache write and one render. Frames stop in a hidden tab, and jsdom or
 * old browsers may have none, so a timer races the frame and whichever comes first flushes.
 */
export function createFrameBatch<T>(flush: (items: T[]) => void) {
  let queue: T[] = [];
  let cancelScheduled: (() => void) | null = null;

  const run = () => {
    cancelScheduled?.();
    cancelScheduled = null;
    const items = queue;
    queue = [];
    if (items.length > 0) flush(items);
  };

  return {
    push(item: T): void {
      queue.push(item);
      cancelScheduled ??= schedule(run);
    },
    /** Drops what is queued (the stream stopped). */
    cancel(): void {
      cancelScheduled?.();
      cancelScheduled = null;
      queue = [];
    },
  };
}

function schedule(run: () => void): () => void {
  const timer = setTimeout(run, frameFallbackMs);
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : null;
  return () => {
    clearTimeout(timer);
    if (frame !== null) cancelAnimationFrame(frame);
  };
}
