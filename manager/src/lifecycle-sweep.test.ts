import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dataGuardRefuses,
  decideAction,
  divergenceGuardRefuses,
  lifecycleActions,
  type LifecycleAction,
} from '@contract/lifecycle';
import { mockDb } from '@mocks/db';
import { fixtureIds } from '@mocks/fixtures';
import { server as mswServer } from '@mocks/node';
import { startTestManager, type TestManager } from './testing/harness';
import {
  managerSide,
  mockSide,
  type ActionAnswer,
  type CellSetup,
  type DataState,
  type SweepSide,
  type SweepStatus,
  sweepDivergedWorld,
  sweepHealthyWorld,
} from './testing/sweep-sides';

/**
 * The parity sweep: every cell of the lifecycle table (status, drifted or not × action × agent
 * online/offline × data present/absent/never checked) is requested from the MSW mocks and from the
 * real manager (SQLite, WebSocket, scripted agent). Both must answer what the table says — status
 * code, error code, queued — and end in the same operation state, server status and drift.
 */
const rows: { status: SweepStatus; drifted: boolean }[] = [
  { status: 'running', drifted: false },
  { status: 'running', drifted: true },
  { status: 'stopped', drifted: false },
  { status: 'stopped', drifted: true },
  { status: 'missing', drifted: false },
  { status: 'failed', drifted: false },
  { status: 'deleted', drifted: false },
];
type Mode = 'online' | 'offline';
const dataStates: Record<Mode, DataState[]> = {
  online: ['present', 'absent', 'diverged'],
  offline: ['present', 'absent', 'unknown', 'diverged'],
};

interface Cell extends CellSetup {
  action: LifecycleAction;
}
interface CellOutcome {
  answer: Omit<ActionAnswer, 'operationId'>;
  operation?: { state: string; code?: string };
  statusEnd: string;
  driftedEnd: boolean;
}

function cellsOf(mode: Mode): Cell[] {
  return rows.flatMap(({ status, drifted }) =>
    dataStates[mode].flatMap((data) =>
      lifecycleActions.map((action) => ({
        name: `${mode === 'online' ? 'on' : 'off'}-${status}${drifted ? '-dr' : ''}-${data}-${action}`,
        status,
        drifted,
        data,
        action,
      })),
    ),
  );
}

/** What the table (and the data guards) say the HTTP answer must be. */
function expectedAnswer(cell: Cell, mode: Mode): Pick<ActionAnswer, 'http' | 'code' | 'queued'> {
  const online = mode === 'online';
  const decision = decideAction(cell.status, cell.action, online, cell.drifted);
  if (!decision.allowed) return { http: 409, code: decision.code };
  const dataExists = cell.data === 'absent' ? false : cell.data === 'unknown' ? null : true;
  // (`unknown`: the host holds no world, but the manager never looked: queued, then refused.)
  const refuses = dataGuardRefuses({
    dataGuards: decision.dataGuards,
    dataExists,
    allowFreshStart: false,
    live: online,
  });
  if (refuses) return { http: 409, code: 'DATA_MISSING' };
  const diverged = divergenceGuardRefuses({
    dataGuards: decision.dataGuards,
    healthy: sweepHealthyWorld,
    current: sweepDivergedWorld,
    dataExists,
    allowDataDivergence: false,
  });
  // Offline the comparison waits for the agent: the queued operation then fails DATA_DIVERGED.
  if (online && cell.data === 'diverged' && diverged) return { http: 409, code: 'DATA_DIVERGED' };
  return { http: 202, queued: !online };
}

async function sweep(side: SweepSide, mode: Mode): Promise<Map<string, CellOutcome>> {
  const cells = cellsOf(mode);
  const ids = await side.setup(cells);
  if (mode === 'offline') {
    await side.setOnline(false);
    side.forgetData(cells.filter((c) => c.data === 'unknown').map((c) => ids.get(c.name)!));
  }
  const answers = new Map<string, ActionAnswer>();
  for (const cell of cells)
    answers.set(cell.name, await side.act(ids.get(cell.name)!, cell.action));
  if (mode === 'offline') await side.setOnline(true);
  const outcomes = new Map<string, CellOutcome>();
  for (const cell of cells) {
    const { operationId, ...answer } = answers.get(cell.name)!;
    const operation = operationId ? await side.settle(operationId) : undefined;
    const statusEnd = await side.status(ids.get(cell.name)!);
    const driftedEnd = await side.drifted(ids.get(cell.name)!);
    outcomes.set(cell.name, { answer, ...(operation ? { operation } : {}), statusEnd, driftedEnd });
  }
  return outcomes;
}

describe('lifecycle table parity sweep: mocks and manager answer every cell alike', () => {
  let t: TestManager;
  let manager: SweepSide;
  const mocks = mockSide(fixtureIds.agents.local);
  beforeAll(async () => {
    mockDb.reset();
    mockDb.setOperationDelayMs(5);
    mockDb.signInAs('admin');
    t = await startTestManager();
    manager = await managerSide(t);
  });
  afterAll(async () => {
    await manager.close();
    await t.close();
  });

  it.each<Mode>(['online', 'offline'])(
    'agent %s: every status × action × data state',
    async (mode) => {
      // MSW intercepts every fetch while it listens, so the two sides take turns.
      mswServer.listen({ onUnhandledRequest: 'error' });
      const fromMocks = await sweep(mocks, mode).finally(() => mswServer.close());
      const fromManager = await sweep(manager, mode);
      const mismatches: string[] = [];
      for (const cell of cellsOf(mode)) {
        const m = fromMocks.get(cell.name)!;
        const r = fromManager.get(cell.name)!;
        const want = expectedAnswer(cell, mode);
        const got = (o: CellOutcome) => ({
          http: o.answer.http,
          code: o.answer.code,
          queued: o.answer.queued,
        });
        const strip = (o: Partial<ActionAnswer>) =>
          JSON.stringify({
            http: o.http,
            code: o.code,
            queued: o.http === 202 ? o.queued : undefined,
          });
        if (strip(got(m)) !== strip(want))
          mismatches.push(`${cell.name}: mocks ${strip(got(m))} but table ${strip(want)}`);
        if (strip(got(r)) !== strip(want))
          mismatches.push(`${cell.name}: manager ${strip(got(r))} but table ${strip(want)}`);
        if (JSON.stringify(m) !== JSON.stringify(r))
          mismatches.push(
            `${cell.name}: mocks ${JSON.stringify(m)} ≠ manager ${JSON.stringify(r)}`,
          );
      }
      expect(mismatches).toEqual([]);
      // The sweep must have exercised both answers: accepted and refused cells, queued ones offline.
      const answers = [...fromManager.values()].map((o) => o.answer);
      expect(answers.some((a) => a.http === 202)).toBe(true);
      expect(answers.some((a) => a.code === 'DATA_MISSING')).toBe(true);
      if (mode === 'online') expect(answers.some((a) => a.code === 'DATA_DIVERGED')).toBe(true);
      const ends = [...fromManager.values()].map((o) => o.operation?.code);
      if (mode === 'offline') expect(ends).toContain('DATA_DIVERGED');
      // …and the drifted rows really were drifted: a recreate there was accepted online.
      const driftedRecreate = fromManager.get(`on-running-dr-present-recreate`);
      if (mode === 'online') expect(driftedRecreate?.answer.http).toBe(202);
      if (mode === 'offline') expect(answers.some((a) => a.queued)).toBe(true);
    },
    180_000,
  );
});
