import { describe, expect, it } from 'vitest';
import { compareByName, compareNames } from './name-order';

const sorted = (names: string[]) => [...names].sort(compareNames);

/** A seeded generator (the same names every run): a failure can be replayed. */
function randomNames(count: number, seed: number): string[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const alphabet = 'aAbBzZ0012789-_. ';
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(next() * 7) }, () =>
      alphabet.charAt(Math.floor(next() * alphabet.length)),
    ).join(''),
  );
}

describe('name order', () => {
  it('reads digit runs as numbers, where plain order puts 10 before 2', () => {
    expect(sorted(['game-10', 'game-2', 'game-1', 'game-100', 'game-20'])).toEqual([
      'game-1',
      'game-2',
      'game-10',
      'game-20',
      'game-100',
    ]);
    expect(sorted(['seed-10', 'seed-9', 'seed-10-b', 'seed-10-a'])).toEqual([
      'seed-9',
      'seed-10',
      'seed-10-a',
      'seed-10-b',
    ]);
    expect(sorted(['v2-x10', 'v2-x9', 'v10-x1'])).toEqual(['v2-x9', 'v2-x10', 'v10-x1']);
  });

  it('ignores the case of letters, and leading zeros, but never calls two names equal', () => {
    expect(sorted(['charlie', 'Bravo', 'alpha'])).toEqual(['alpha', 'Bravo', 'charlie']);
    expect(compareNames('game-007', 'game-7')).not.toBe(0);
    expect(sorted(['game-8', 'game-7', 'game-007', 'game-07'])).toEqual([
      'game-007',
      'game-07',
      'game-7',
      'game-8',
    ]);
    expect(sorted(['alpha', 'Alpha'])).toEqual(['Alpha', 'alpha']);
    expect(compareNames('same', 'same')).toBe(0);
  });

  it('puts a name before the longer names it begins', () => {
    expect(sorted(['game-1', 'game', 'game-'])).toEqual(['game', 'game-', 'game-1']);
    expect(sorted(['a1b', 'a1'])).toEqual(['a1', 'a1b']);
  });

  it('compares digit runs longer than any number exactly', () => {
    const big = '9'.repeat(40);
    const bigger = `1${'0'.repeat(40)}`;
    expect(sorted([`x${bigger}`, `x${big}`])).toEqual([`x${big}`, `x${bigger}`]);
    expect(compareNames(`x${big}1`, `x${big}2`)).toBeLessThan(0);
    expect(compareNames(`x${'0'.repeat(5000)}1`, 'x2')).toBeLessThan(0);
  });

  it('is a total order: antisymmetric, transitive, and blind to the input order', () => {
    const names = randomNames(300, 42);
    const sign = (n: number) => Math.sign(n);
    for (const a of names.slice(0, 60))
      for (const b of names.slice(0, 60)) {
        expect(sign(compareNames(a, b)) + sign(compareNames(b, a))).toBe(0);
        expect(compareNames(a, b) === 0).toBe(a === b);
        for (const c of names.slice(0, 25))
          if (compareNames(a, b) <= 0 && compareNames(b, c) <= 0)
            expect(compareNames(a, c)).toBeLessThanOrEqual(0);
      }
    const once = sorted(names);
    expect(sorted([...names].reverse())).toEqual(once);
    expect(sorted(randomNames(300, 42).sort())).toEqual(once);
  });

  it('orders servers of the same name (on different hosts) by id', () => {
    const servers = [
      { id: 'b', name: 'game-2' },
      { id: 'a', name: 'game-2' },
      { id: 'c', name: 'game-10' },
    ];
    expect([...servers].sort(compareByName).map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});
