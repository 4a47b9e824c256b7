import { describe, expect, it } from 'vitest';
import type { Operation } from '@contract/http/operations';
import type { Server } from '@contract/http/servers';
import { sampleServer } from '@/testing/sample-entities';
import { availableActions, goesThroughRecreate } from './action-availability';
import { operationProgressLabel } from './operation-label';
import { serverStatusLook } from './server-status-badge';

const now = '2026-11-27T20:00:00.000Z';
const server = sampleServer;
const op = (over: Partial<Operation> = {}): Operation => ({
  id: 'op-1',
  serverId: 'srv-1',
  kind: 'recreate',
  state: 'running',
  requestedBy: 'a@b.c',
  createdAt: now,
  startedAt: now,
  finishedAt: null,
  ...over,
});
const byName = (s: Server, role: 'admin' | 'operator' | 'viewer' = 'operator') =>
  Object.fromEntries(availableActions(s, role).map((a) => [a.label, a.disabledReason]));

describe('which actions a server offers', () => {
  it('missing: Recreate and Rebuild usable, Stop/Restart disabled for lack of a container', () => {
    expect(byName(server({ status: 'missing', containerId: null }))).toEqual({
      Recreate: null,
      Stop: 'No container — recreate the server first',
      Restart: 'No container — recreate the server first',
      Rebuild: null,
      Delete: null,
    });
  });
  it('deleted: Restore, plus Purge for admins only', () => {
    expect(Object.keys(byName(server({ status: 'deleted' }), 'operator'))).toEqual(['Restore']);
    expect(Object.keys(byName(server({ status: 'deleted' }), 'admin'))).toEqual([
      'Restore',
      'Purge',
    ]);
  });
  it('an active operation disables everything with its reason', () => {
    const reasons = new Set(Object.values(byName(server({ activeOperation: op() }))));
    expect([...reasons]).toEqual(['Another operation is in progress']);
  });
  it('rebuild and start of a server without container go through the recreate routine', () => {
    expect(goesThroughRecreate(server({ status: 'missing' }), 'rebuild')).toBe(true);
    expect(goesThroughRecreate(server({ status: 'running' }), 'rebuild')).toBe(false);
    expect(goesThroughRecreate(server({ status: 'deleted' }), 'restore')).toBe(true);
  });
});

describe('progress and status wording', () => {
  it('says Recreating…, Pulling image 40% and Queued', () => {
    expect(operationProgressLabel(op())).toBe('Recreating…');
    expect(operationProgressLabel(op({ progress: { phase: 'pulling', percent: 40.2 } }))).toBe(
      'Pulling image 40%',
    );
    expect(
      operationProgressLabel(op({ progress: { phase: 'pulling', current: 50, total: 200 } })),
    ).toBe('Pulling image 25%');
    expect(operationProgressLabel(op({ state: 'queued' }))).toBe('Queued');
  });
  it('the badge derives from status AND agent status', () => {
    expect(serverStatusLook({ status: 'missing', agentStatus: 'offline' }).text).toBe(
      'Agent offline',
    );
    expect(serverStatusLook({ status: 'stopped', agentStatus: 'offline' }).text).toBe(
      'Agent offline',
    );
    expect(serverStatusLook({ status: 'deleted', agentStatus: 'offline' }).text).toBe('Deleted');
    expect(serverStatusLook({ status: 'missing', agentStatus: 'online' }).text).toBe('Missing');
  });
});
