import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecoverResponse } from '@contract/http/recover';
import { mockDb } from '@mocks/db';
import { server as mswServer } from '@mocks/node';
import { startTestManager, type TestManager } from './testing/harness';
import { managerSide, mockSide, type CellSetup, type SweepSide } from './testing/sweep-sides';

/**
 * Recover all asked of the MSW mocks and of the real manager (scripted agent) over the same
 * servers: both must skip the same servers with the same codes, start the same recreates, make
 * the same ones wait their turn, and end every operation and server alike.
 */
const cells: CellSetup[] = [
  { name: 'rc-missing-a', status: 'missing', drifted: false, data: 'present' },
  { name: 'rc-missing-b', status: 'missing', drifted: false, data: 'present' },
  { name: 'rc-missing-c', status: 'missing', drifted: false, data: 'present' },
  { name: 'rc-missing-nodata', status: 'missing', drifted: false, data: 'absent' },
  { name: 'rc-running', status: 'running', drifted: false, data: 'present' },
  { name: 'rc-running-dr', status: 'running', drifted: true, data: 'present' },
  { name: 'rc-stopped-dr-nodata', status: 'stopped', drifted: true, data: 'absent' },
  { name: 'rc-failed', status: 'failed', drifted: false, data: 'present' },
  { name: 'rc-deleted', status: 'deleted', drifted: false, data: 'present' },
];

interface Outcome {
  http: number;
  skipped: [string, string][];
  operations: string[];
  waiting: string[];
  ends: [string, string, string | undefined][];
  statuses: [string, string][];
}

async function recoverOn(side: SweepSide, body: (ids: Map<string, string>) => unknown) {
  const ids = await side.setup(cells);
  const nameOf = new Map([...ids].map(([name, id]) => [id, name]));
  const res = await side.recover(body(ids));
  const reply = RecoverResponse.parse(res.body);
  const name = (id: string) => nameOf.get(id) ?? id;
  const outcome: Outcome = {
    http: res.http,
    skipped: reply.skipped.map((s) => [name(s.serverId), s.code]),
    operations: reply.operations.map((op) => name(op.serverId)),
    waiting: reply.operations
      .filter((op) => op.progress?.phase === 'waiting-for-turn')
      .map((op) => name(op.serverId)),
    ends: [],
    statuses: [],
  };
  for (const op of reply.operations) {
    const end = await side.settle(op.id);
    outcome.ends.push([name(op.serverId), end.state, end.code]);
  }
  for (const [cellName, id] of ids) outcome.statuses.push([cellName, await side.status(id)]);
  return outcome;
}

describe('recover all parity: mocks and manager answer alike', () => {
  let t: TestManager;
  beforeEach(async () => {
    mockDb.reset();
    mockDb.setOperationDelayMs(5);
    mockDb.signInAs('admin');
    t = await startTestManager();
  });
  afterEach(async () => {
    await t.close();
  });

  /** A fresh agent (online, no servers) on each side, so the default "every Missing" is ours. */
  async function sides(): Promise<{ mocks: SweepSide; manager: SweepSide }> {
    const agent = mockDb.createAgent(
      { name: 'parity-host', serverDataPath: '/srv/zomboid' },
      'admin@zedops.local',
    ).agent;
    mockDb.setAgentStatus(agent.id, 'online');
    return { mocks: mockSide(agent.id), manager: await managerSide(t) };
  }

  it.each([
    ['every Missing server', () => ({})],
    [
      'listed ids, one at a time',
      (ids: Map<string, string>) => ({
        serverIds: [...ids.values(), 'no-such-server'],
        concurrency: 1,
      }),
    ],
  ])('%s', async (_label, body) => {
    const { mocks, manager } = await sides();
    mswServer.listen({ onUnhandledRequest: 'error' });
    const fromMocks = await recoverOn(mocks, body).finally(() => mswServer.close());
    const fromManager = await recoverOn(manager, body);
    await manager.close();
    expect(fromMocks).toEqual(fromManager);
    // The scenario exercised what it is about: skips, recreates, and some waiting their turn.
    expect(fromManager.http).toBe(202);
    expect(fromManager.skipped.some(([, code]) => code === 'DATA_MISSING')).toBe(true);
    expect(fromManager.operations.length).toBeGreaterThan(1);
    expect(fromManager.waiting.length).toBeGreaterThan(0);
  });
});
