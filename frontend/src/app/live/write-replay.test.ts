import { describe, expect, it } from 'vitest';
import { WriteReplay } from './write-replay';

describe('write replay', () => {
  it('returns the writes made since a fetch began, and keeps none once nothing is in flight', () => {
    const replay = new WriteReplay<string>();
    replay.record('before anything');
    replay.begin('list');
    replay.record('a');
    replay.begin('detail');
    replay.record('b');
    expect(replay.end('detail')).toEqual(['b']);
    expect(replay.end('list')).toEqual(['a', 'b']);
    replay.begin('list');
    expect(replay.end('list')).toEqual([]);
  });

  it('asks for a refetch when writes a fetch needs were dropped from a full log', () => {
    const replay = new WriteReplay<number>(3);
    replay.begin('hung');
    for (let i = 0; i < 5; i++) replay.record(i);
    replay.begin('later');
    replay.record(5);
    expect(replay.end('hung')).toBe('refetch');
    expect(replay.end('later')).toEqual([5]);
  });

  it('an untracked key has nothing to replay', () => {
    expect(new WriteReplay<string>().end('never began')).toEqual([]);
  });
});
