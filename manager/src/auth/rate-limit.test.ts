import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('reserves up to the limit, then refuses with the seconds left in the window', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, 60_000, () => now);
    const keys = [{ key: 'ip|a@b.io' }];
    for (let i = 0; i < 3; i++) expect(limiter.reserve(keys).ok).toBe(true);
    now += 20_000;
    expect(limiter.reserve(keys)).toEqual({ ok: false, retryAfterSeconds: 40 });
    now += 40_000;
    expect(limiter.reserve(keys).ok).toBe(true);
  });

  it('charges every key or none: a used-up key refuses without charging the others', () => {
    const limiter = new RateLimiter(2, 60_000, () => 0);
    const one = { key: 'ip|one' };
    const ip = { key: 'ip', factor: 2 };
    expect(limiter.reserve([one, ip]).ok).toBe(true);
    expect(limiter.reserve([one, ip]).ok).toBe(true);
    for (let i = 0; i < 5; i++) expect(limiter.reserve([one, ip]).ok).toBe(false);
    // ip has 2 of its 4 left: the refused attempts were not charged to it.
    expect(limiter.reserve([{ key: 'ip|two' }, ip]).ok).toBe(true);
    expect(limiter.reserve([{ key: 'ip|two' }, ip]).ok).toBe(true);
    expect(limiter.reserve([{ key: 'ip|three' }, ip]).ok).toBe(false);
  });

  it('release gives a successful attempt back, once', () => {
    const limiter = new RateLimiter(1, 60_000, () => 0);
    const keys = [{ key: 'k' }];
    const first = limiter.reserve(keys);
    if (!first.ok) throw new Error('expected a reservation');
    first.release();
    first.release();
    const second = limiter.reserve(keys);
    expect(second.ok).toBe(true);
    expect(limiter.reserve(keys).ok).toBe(false);
  });
});
