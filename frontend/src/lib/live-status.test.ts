import { afterEach, describe, expect, it, vi } from 'vitest';
import { liveStatus, streamAnswerWait } from './live-status';

afterEach(() => {
  liveStatus.setConnecting(false);
  vi.useRealTimers();
});

/** Whether `promise` has settled once pending callbacks have run. */
async function isSettled(promise: Promise<void>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await Promise.resolve();
  await Promise.resolve();
  return settled;
}

describe('the lists waiting for the stream', () => {
  it('go ahead at once when no stream is connecting', async () => {
    expect(await isSettled(liveStatus.settled())).toBe(true);
  });

  it('wait while it connects, and go ahead once it answers', async () => {
    liveStatus.setConnecting(true);
    const waiting = liveStatus.settled();
    expect(await isSettled(waiting)).toBe(false);
    liveStatus.setConnecting(false);
    expect(await isSettled(waiting)).toBe(true);
  });

  it('go ahead without an answer once the wait is over (a stream held up by a proxy)', async () => {
    vi.useFakeTimers();
    liveStatus.setConnecting(true);
    const waiting = liveStatus.settled();
    vi.advanceTimersByTime(streamAnswerWait.ms - 1);
    expect(await isSettled(waiting)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await isSettled(waiting)).toBe(true);
  });
});
