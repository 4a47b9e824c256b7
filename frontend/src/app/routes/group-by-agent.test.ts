import { describe, expect, it } from 'vitest';
import { sampleServer } from '@/testing/sample-entities';
import { groupByAgent } from './group-by-agent';

const alpha = sampleServer({ id: 'a', name: 'alpha', agentId: 'agent-1' });
const bravo = sampleServer({ id: 'b', name: 'bravo', agentId: 'agent-2' });
const charlie = sampleServer({ id: 'c', name: 'charlie', agentId: 'agent-1' });

describe('groupByAgent', () => {
  it('groups in list order', () => {
    const groups = groupByAgent([alpha, bravo, charlie]);
    expect(groups.get('agent-1')).toEqual([alpha, charlie]);
    expect(groups.get('agent-2')).toEqual([bravo]);
  });

  it('keeps the array of every agent whose servers did not change', () => {
    const before = groupByAgent([alpha, bravo, charlie]);
    const missing = { ...alpha, status: 'missing' as const };
    const after = groupByAgent([missing, bravo, charlie], before);
    expect(after.get('agent-2')).toBe(before.get('agent-2'));
    expect(after.get('agent-1')).not.toBe(before.get('agent-1'));
    expect(after.get('agent-1')).toEqual([missing, charlie]);
    // A server added or gone is a change too.
    expect(groupByAgent([alpha, bravo], after).get('agent-1')).toEqual([alpha]);
    expect(groupByAgent([alpha, bravo, charlie], before).get('agent-1')).toBe(
      before.get('agent-1'),
    );
  });
});
