import { describe, expect, it } from 'vitest';
import { medianRun, runsNote } from './median-run';

/** A benchmark whose runs answer these figures in turn. */
const answering = (figures: (number | null)[]) => {
  let i = 0;
  return () => Promise.resolve({ run: i, ms: figures[i++]! });
};

describe('medianRun', () => {
  it('returns the run with the median figure, and every figure in the order the runs came', async () => {
    const { median, all, headlines } = await medianRun(3, answering([547, 498, 512]), (r) => r.ms);
    expect(median).toEqual({ run: 2, ms: 512 });
    expect(headlines).toEqual([547, 498, 512]);
    expect(all.map((r) => r.run)).toEqual([0, 1, 2]);
  });

  it('counts a run that never got there as the slowest', async () => {
    const { median } = await medianRun(3, answering([null, 700, 400]), (r) => r.ms);
    expect(median.ms).toBe(700);
    const twoNever = await medianRun(3, answering([null, null, 400]), (r) => r.ms);
    expect(twoNever.median.ms).toBeNull();
  });

  it('takes the lower middle of an even number of runs, and the only run of one', async () => {
    expect((await medianRun(4, answering([40, 10, 30, 20]), (r) => r.ms)).median.ms).toBe(20);
    expect((await medianRun(1, answering([99]), (r) => r.ms)).median.ms).toBe(99);
  });
});

describe('runsNote', () => {
  it('lists every run of several, and says nothing of a single run', () => {
    expect(runsNote([547, 498.4, 512])).toBe(' (median of 3 runs: 547 ms, 498 ms, 512 ms)');
    expect(runsNote([547, null])).toBe(' (median of 2 runs: 547 ms, never)');
    expect(runsNote([512])).toBe('');
  });
});
