import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Server } from '@contract/http/servers';
import { startLiveUpdates, type LiveInvalidationTable } from './live-updates';

/** Minimal EventSource stand-in: records listeners so the test can push events. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  listeners = new Map<string, Array<(e: MessageEvent<string>) => void>>();
  closed = false;
  constructor(readonly url: URL) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, fn: (e: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  emit(type: string, data: unknown) {
    for (const fn of this.listeners.get(type) ?? [])
      fn(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
  close() {
    this.closed = true;
  }
}

const now = '2026-11-27T20:00:00.000Z';
const server: Server = {
  id: 'srv-1',
  agentId: 'agent-1',
  name: 'alpha',
  status: 'running',
  containerId: 'abc',
  imageId: null,
  imageDigest: null,
  image: null,
  imageTag: 'latest',
  config: {},
  gamePort: 16261,
  udpPort: 16262,
  rconPort: 27015,
  serverDataPath: null,
  effectiveDataPath: '/srv/zedops',
  dataExists: true,
  dataCheckedAt: now,
  autoRecreate: false,
  deletedAt: null,
  createdAt: now,
  updatedAt: now,
  agentStatus: 'online',
  activeOperation: null,
};
const table: LiveInvalidationTable = {
  'server.updated': (e) => [['servers'], ['servers', 'detail', e.server.id]],
  'operation.updated': () => [['operations']],
  'agent.updated': () => [['agents']],
};

afterEach(() => vi.unstubAllGlobals());

describe('live updates', () => {
  it('without EventSource (jsdom) it is a no-op and polling stays in charge', () => {
    vi.stubGlobal('EventSource', undefined);
    const stop = startLiveUpdates(new QueryClient(), table);
    expect(() => stop()).not.toThrow();
  });

  it('invalidates the keys the table names for each valid event, ignores junk, closes on stop', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const queryClient = new QueryClient();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries').mockResolvedValue();
    const stop = startLiveUpdates(queryClient, table);
    const source = FakeEventSource.last!;
    expect(source.url.pathname).toBe('/api/events');

    source.emit('server.updated', { type: 'server.updated', server });
    expect(invalidate.mock.calls.map(([filters]) => filters?.queryKey)).toEqual([
      ['servers'],
      ['servers', 'detail', 'srv-1'],
    ]);

    invalidate.mockClear();
    source.emit('server.updated', { type: 'server.updated', server: { id: 'half a server' } });
    expect(invalidate).not.toHaveBeenCalled();

    stop();
    expect(source.closed).toBe(true);
  });
});
