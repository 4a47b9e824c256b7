import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StorageUnavailableError } from './errors';
import { PendingWrites } from './pending-writes';

describe('PendingWrites', () => {
  const busy = () => new StorageUnavailableError('SQLITE_BUSY', 'database is locked');
  let down = false;
  const written: string[] = [];
  const write = (what: string) => () => {
    if (down) throw busy();
    written.push(what);
  };
  const make = () => new PendingWrites(pino({ level: 'silent' }), write('probe'), 1000);

  afterEach(() => {
    vi.useRealTimers();
    down = false;
    written.length = 0;
  });

  it('runs a write at once when storage works', () => {
    make().run('k', write('now'));
    expect(written).toEqual(['now']);
  });

  it('keeps writes during an outage, the newest per key, and lands them in order once storage is back', () => {
    vi.useFakeTimers();
    const writes = make();
    const recovered = vi.fn();
    writes.onRecovered(recovered);
    down = true;
    writes.run('agent:a', write('a offline'));
    writes.run('op:1', write('op 1 failed'));
    writes.run('agent:a', write('a online'));
    expect(writes.size).toBe(2);
    vi.advanceTimersByTime(5000);
    expect(written).toEqual([]);
    expect(recovered).not.toHaveBeenCalled();
    down = false;
    vi.advanceTimersByTime(1000);
    expect(written).toEqual(['op 1 failed', 'a online']);
    expect(writes.size).toBe(0);
    expect(recovered).toHaveBeenCalledTimes(1);
  });

  it('throws other errors instead of keeping them', () => {
    expect(() =>
      make().run('k', () => {
        throw new TypeError('a bug');
      }),
    ).toThrow(TypeError);
  });

  it('an outage nobody replays still triggers recovery, with backoff while it keeps coming back', () => {
    vi.useFakeTimers();
    const writes = make();
    const recovered = vi.fn();
    writes.onRecovered(recovered);
    writes.noteOutage(busy()); // the probe passes at the first retry
    vi.advanceTimersByTime(1000);
    expect(recovered).toHaveBeenCalledTimes(1);
    writes.noteOutage(busy()); // again at once: wait twice as long
    vi.advanceTimersByTime(1000);
    expect(recovered).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(recovered).toHaveBeenCalledTimes(2);
  });

  it('drops everything on close', () => {
    vi.useFakeTimers();
    const writes = make();
    down = true;
    writes.run('k', write('late'));
    writes.close();
    down = false;
    vi.advanceTimersByTime(60_000);
    expect(written).toEqual([]);
  });
});
