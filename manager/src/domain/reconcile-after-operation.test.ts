import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse } from '@contract/http/servers';
import { openDatabase, type Db } from '../db/connection';
import { OperationsRepo } from '../db/operations-repo';
import {
  connectAgent,
  createRunningServer,
  startTestManager,
  waitFor,
  type TestManager,
} from '../testing/harness';
import type { ScriptedAgent } from '../testing/scripted-agent';
import type { ManagerContext } from './context';
import { Reconciler } from './reconcile';

/** The real scheduling; a pass (whole host or scoped) only counts, so the test sees when one would start. */
class CountingReconciler extends Reconciler {
  runs = 0;
  override run(): Promise<void> {
    this.runs += 1;
    return Promise.resolve();
  }
  override runServers(): Promise<void> {
    this.runs += 1;
    return Promise.resolve();
  }
}

const debounceMs = 200;

// A recreate's own create and start events used to start a reconcile (a container list, an
// inspect of the container being started, a walk of every world) while Docker was still starting
// that container. Such a pass now waits for the operation; any other reason to reconcile does not.
describe('a reconcile asked for by a busy server’s own container events', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  let db: Db;
  let operations: OperationsRepo;
  let busyServerId: string;
  let idleServerId: string;
  let operationId: string;
  let reconciler: CountingReconciler;

  beforeEach(async () => {
    t = await startTestManager();
    ({ agent, agentId } = await connectAgent(t));
    busyServerId = (await createRunningServer(t, agentId, 'alpha')).id;
    idleServerId = (await createRunningServer(t, agentId, 'beta')).id;
    agent.hold('container.stop'); // alpha's stop stays running
    const res = await t.admin.call('POST', apiPaths.serverAction(agentId, busyServerId, 'stop'));
    operationId = ServerActionResponse.parse(res.body).operation.id;
    await waitFor(async () => agent.commands('container.stop').length === 1);
    db = openDatabase(t.dataDir);
    operations = new OperationsRepo(db);
    const ctx = { operations, lifecycle: { closed: false } } as unknown as ManagerContext;
    reconciler = new CountingReconciler(ctx, () => undefined, debounceMs);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });

  afterEach(async () => {
    reconciler.close();
    vi.useRealTimers();
    db.close();
    agent.release();
    await t.close();
  });

  it('waits while the operation runs and reconciles once it ended', async () => {
    reconciler.schedule(agentId, busyServerId);
    reconciler.schedule(agentId, busyServerId); // the start after the create: still one pass
    await vi.advanceTimersByTimeAsync(debounceMs * 10);
    expect(reconciler.runs).toBe(0);
    expect(operations.finish(operationId, 'succeeded')).toBe(true);
    await vi.advanceTimersByTimeAsync(debounceMs);
    expect(reconciler.runs).toBe(1);
    await vi.advanceTimersByTimeAsync(debounceMs * 10);
    expect(reconciler.runs).toBe(1);
  });

  it('does not wait when another server’s event asked too', async () => {
    reconciler.schedule(agentId, busyServerId);
    reconciler.schedule(agentId, idleServerId);
    await vi.advanceTimersByTimeAsync(debounceMs);
    expect(reconciler.runs).toBe(1);
  });

  it('does not wait when something other than an event asked (a failed command, a late reply)', async () => {
    reconciler.schedule(agentId, busyServerId);
    reconciler.schedule(agentId);
    await vi.advanceTimersByTimeAsync(debounceMs);
    expect(reconciler.runs).toBe(1);
  });

  it('does not wait for an event of a server without a running operation', async () => {
    reconciler.schedule(agentId, idleServerId);
    await vi.advanceTimersByTimeAsync(debounceMs);
    expect(reconciler.runs).toBe(1);
  });
});
