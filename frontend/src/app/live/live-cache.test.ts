import { act, renderHook } from '@testing-library/react';
import {
  QueryClient,
  QueryClientProvider,
  useMutation,
  type QueryKey,
} from '@tanstack/react-query';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '@contract/events';
import type { Server } from '@contract/http/servers';
import { agentKeys } from '@/features/agents/api/keys';
import { auditKeys } from '@/features/audit/api/keys';
import { operationKeys } from '@/features/operations/api/keys';
import { serverKeys } from '@/features/servers/api/keys';
import { sampleAgent, sampleOperation, sampleServer } from '@/testing/sample-entities';
import { createLiveCache, type LiveCache } from './live-cache';

const alpha = sampleServer({ id: 'srv-a', name: 'alpha', agentId: 'agent-1' });
const bravo = sampleServer({ id: 'srv-b', name: 'bravo', agentId: 'agent-1' });
const india = sampleServer({ id: 'srv-i', name: 'india', agentId: 'agent-2' });
const serverEvent = (server: Server): LiveEvent => ({ type: 'server.updated', server });

let queryClient: QueryClient;
let cache: LiveCache;

/** How many times each query was written (cache `success` actions), by query hash. */
function countWrites() {
  const writes = new Map<string, number>();
  const stop = queryClient.getQueryCache().subscribe((e) => {
    if (e.type === 'updated' && e.action.type === 'success')
      writes.set(e.query.queryHash, (writes.get(e.query.queryHash) ?? 0) + 1);
  });
  return { of: (key: QueryKey) => writes.get(JSON.stringify(key)) ?? 0, stop };
}

beforeEach(() => {
  queryClient = new QueryClient();
  cache = createLiveCache(queryClient);
  queryClient.setQueryData(serverKeys.list(), [alpha, bravo, india]);
  queryClient.setQueryData(serverKeys.agentList('agent-1'), [alpha, bravo]);
  queryClient.setQueryData(serverKeys.agentList('agent-2'), [india]);
  queryClient.setQueryData(serverKeys.detail('srv-a'), alpha);
});
afterEach(() => cache.dispose());

const list = () => queryClient.getQueryData<Server[]>(serverKeys.list())!;
const agentList = (id: string) => queryClient.getQueryData<Server[]>(serverKeys.agentList(id))!;
const detail = (id: string) => queryClient.getQueryData<Server>(serverKeys.detail(id));

describe('live cache writer', () => {
  it('server.updated patches every list holding the server and its detail', () => {
    const missing = { ...alpha, status: 'missing' as const, containerId: null };
    cache.applyEvents([serverEvent(missing)]);
    expect(list()[0]).toEqual(missing);
    expect(agentList('agent-1')[0]).toEqual(missing);
    expect(agentList('agent-2')).toEqual([india]);
    expect(detail('srv-a')).toEqual(missing);
  });

  it('servers.updated writes each server it carries, each list and detail once, no refetch', () => {
    const missing = { ...alpha, status: 'missing' as const, containerId: null };
    const stopped = { ...india, status: 'stopped' as const };
    const writes = countWrites();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    cache.applyEvents([{ type: 'servers.updated', servers: [missing, stopped] }]);
    writes.stop();
    expect(list()).toEqual([missing, bravo, stopped]);
    expect(agentList('agent-1')).toEqual([missing, bravo]);
    expect(agentList('agent-2')).toEqual([stopped]);
    expect(detail('srv-a')).toEqual(missing);
    expect(writes.of(serverKeys.list())).toBe(1);
    expect(writes.of(serverKeys.detail('srv-a'))).toBe(1);
    expect(invalidate.mock.calls.filter(([f]) => f?.queryKey?.[0] === serverKeys.all[0])).toEqual(
      [],
    );
  });

  it('a new server joins the all-servers list and its agent’s list, in name order', () => {
    const charlie = sampleServer({ id: 'srv-c', name: 'charlie', agentId: 'agent-1' });
    cache.applyEvents([serverEvent(charlie)]);
    expect(list().map((s) => s.name)).toEqual(['alpha', 'bravo', 'charlie', 'india']);
    expect(agentList('agent-1').map((s) => s.name)).toEqual(['alpha', 'bravo', 'charlie']);
    expect(agentList('agent-2')).toEqual([india]);
  });

  it('new servers take their place in the manager’s order: digits as numbers, then by id', () => {
    const game = (id: string, name: string) => sampleServer({ id, name, agentId: 'agent-1' });
    queryClient.setQueryData(serverKeys.agentList('agent-1'), [
      game('g2', 'game-2'),
      game('g10', 'game-10'),
    ]);
    cache.applyEvents(
      [game('g9', 'game-9'), game('g100', 'game-100'), game('g1', 'game-1')].map(serverEvent),
    );
    expect(agentList('agent-1').map((s) => s.name)).toEqual([
      'game-1',
      'game-2',
      'game-9',
      'game-10',
      'game-100',
    ]);
    // The same name on another host goes by id, as the manager sorts it.
    cache.applyEvents([
      serverEvent(sampleServer({ id: 'srv-0', name: 'bravo', agentId: 'agent-2' })),
    ]);
    expect(
      list()
        .map((s) => s.id)
        .slice(0, 3),
    ).toEqual(['srv-a', 'srv-0', 'srv-b']);
  });

  it('operation.updated writes the operation and the active operation of its server', () => {
    const running = sampleOperation({ id: 'op-9', serverId: 'srv-a', state: 'running' });
    queryClient.setQueryData(operationKeys.detail('op-9'), { ...running, state: 'queued' });
    cache.applyEvents([{ type: 'operation.updated', operation: running }]);
    expect(queryClient.getQueryData(operationKeys.detail('op-9'))).toEqual(running);
    expect(list()[0]!.activeOperation).toEqual(running);
    expect(detail('srv-a')!.activeOperation).toEqual(running);

    const done = { ...running, state: 'succeeded' as const };
    cache.applyEvents([{ type: 'operation.updated', operation: done }]);
    expect(list()[0]!.activeOperation).toBeNull();
    expect(queryClient.getQueryData(operationKeys.detail('op-9'))).toEqual(done);
    // an operation nobody follows is not added to the cache
    cache.applyEvents([{ type: 'operation.updated', operation: { ...done, id: 'op-x' } }]);
    expect(queryClient.getQueryCache().find({ queryKey: operationKeys.detail('op-x') })).toBe(
      undefined,
    );
  });

  it('a succeeded purge removes the server from every list', () => {
    const purge = sampleOperation({ serverId: 'srv-b', kind: 'purge', state: 'succeeded' });
    cache.applyEvents([{ type: 'operation.updated', operation: purge }]);
    expect(list().map((s) => s.id)).toEqual(['srv-a', 'srv-i']);
    expect(agentList('agent-1').map((s) => s.id)).toEqual(['srv-a']);
  });

  it('agent.updated writes the agent and the agentStatus of its servers', () => {
    queryClient.setQueryData(agentKeys.list(), [sampleAgent(), sampleAgent({ id: 'agent-2' })]);
    cache.applyEvents([
      { type: 'agent.updated', agent: sampleAgent({ id: 'agent-2', status: 'offline' }) },
    ]);
    expect(queryClient.getQueryData(agentKeys.list())).toMatchObject([
      { id: 'agent-1', status: 'online' },
      { id: 'agent-2', status: 'offline' },
    ]);
    expect(list().map((s) => s.agentStatus)).toEqual(['online', 'online', 'offline']);
    expect(agentList('agent-2')[0]!.agentStatus).toBe('offline');
    expect(agentList('agent-1')).toEqual([alpha, bravo]);
  });

  it('applies changes in arrival order: a later server snapshot wins over an earlier operation', () => {
    const op = sampleOperation({ serverId: 'srv-a', state: 'running' });
    const after = { ...alpha, status: 'stopped' as const, activeOperation: null };
    cache.applyEvents([{ type: 'operation.updated', operation: op }, serverEvent(after)]);
    expect(detail('srv-a')).toEqual(after);
  });

  it('100 events in one burst are one write of each list and detail', () => {
    const writes = countWrites();
    const events = Array.from({ length: 100 }, (_, i) =>
      serverEvent({
        ...(i % 2 ? alpha : india),
        updatedAt: `2026-11-27T20:00:${String(i % 60).padStart(2, '0')}.000Z`,
      }),
    );
    cache.applyEvents(events);
    writes.stop();
    expect(writes.of(serverKeys.list())).toBe(1);
    expect(writes.of(serverKeys.agentList('agent-1'))).toBe(1);
    expect(writes.of(serverKeys.agentList('agent-2'))).toBe(1);
    expect(writes.of(serverKeys.detail('srv-a'))).toBe(1);
  });

  it('a list fetched before an event but landing after it does not undo the event', async () => {
    let answer: (servers: Server[]) => void = () => {};
    const fetching = queryClient.fetchQuery({
      queryKey: serverKeys.list(),
      queryFn: () => new Promise<Server[]>((resolve) => (answer = resolve)),
    });
    const stopped = { ...alpha, status: 'stopped' as const };
    cache.applyEvents([serverEvent(stopped)]);
    answer([alpha, bravo, india]); // computed by the manager before the change
    await fetching;
    expect(list()[0]).toEqual(stopped);
  });

  it('writes a mutation’s reply before the mutation stops pending', async () => {
    const op = sampleOperation({ serverId: 'srv-a', kind: 'stop', state: 'queued' });
    const reply = { server: { ...alpha, activeOperation: op }, operation: op };
    // The first render in which useMutation is no longer pending must already show the reply.
    const seen: Array<Server | undefined> = [];
    const { result } = renderHook(
      () => {
        const mutation = useMutation({
          mutationFn: async () => reply,
          meta: { writesReply: true },
        });
        if (mutation.isSuccess) seen.push(detail('srv-a'));
        return mutation;
      },
      {
        wrapper: ({ children }) =>
          createElement(QueryClientProvider, { client: queryClient }, children),
      },
    );
    await act(() => result.current.mutateAsync());
    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0));
    expect(seen[0]!.activeOperation).toEqual(op);
    expect(list()[0]!.activeOperation).toEqual(op);
  });

  it('refreshes audit lists once per burst, not once per event', async () => {
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    cache.applyEvents([serverEvent(alpha), serverEvent(bravo)]);
    cache.applyEvents([serverEvent(india)]);
    await vi.waitFor(() => expect(invalidate).toHaveBeenCalled(), { timeout: 3_000 });
    expect(invalidate.mock.calls).toEqual([[{ queryKey: auditKeys.all }]]);
  });

  it('when the stream opens, refetches only what was fetched before it', async () => {
    const openedAt = Date.now() + 1;
    queryClient.setQueryData(agentKeys.list(), [sampleAgent()], { updatedAt: openedAt + 5 });
    const invalidated: string[] = [];
    const stop = queryClient.getQueryCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'invalidate')
        invalidated.push(e.query.queryHash);
    });
    cache.resync(openedAt);
    stop();
    expect(invalidated.sort()).toEqual(
      [
        serverKeys.list(),
        serverKeys.agentList('agent-1'),
        serverKeys.agentList('agent-2'),
        serverKeys.detail('srv-a'),
      ]
        .map((k) => JSON.stringify(k))
        .sort(),
    );
  });
});
