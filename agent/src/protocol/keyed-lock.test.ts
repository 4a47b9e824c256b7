import { describe, expect, it } from 'vitest';
import { KeyedLock } from './keyed-lock';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedLock (per-server lock)', () => {
  it('runs tasks of one key one at a time, in order, even when one fails', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name}:start`);
        await sleep(30);
        log.push(`${name}:end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      lock.run('s1', task('a', true)),
      lock.run('s1', task('b')),
      lock.run('s1', task('c')),
    ]);
    expect(log).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    await sleep(0);
    expect(lock.busyKeys).toBe(0);
  });

  it('runs tasks of different keys concurrently', async () => {
    const lock = new KeyedLock();
    let active = 0;
    let maxActive = 0;
    const task = async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await sleep(30);
      active -= 1;
    };
    await Promise.all([lock.run('s1', task), lock.run('s2', task), lock.run('s3', task)]);
    expect(maxActive).toBe(3);
  });
});
