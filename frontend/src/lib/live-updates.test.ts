import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '@contract/events';
import { ScriptedEventSource } from '@/testing/scripted-event-source';
import { sampleServer } from '@/testing/sample-entities';
import { liveStatus } from './live-status';
import { liveReconnect, startLiveUpdates } from './live-updates';

const server = sampleServer();

function start() {
  const batches: LiveEvent[][] = [];
  const opened: number[] = [];
  const stop = startLiveUpdates({
    onEvents: (events) => batches.push(events),
    onOpen: (at) => opened.push(at),
  });
  return { batches, opened, stop, source: ScriptedEventSource.last };
}

beforeEach(() => {
  ScriptedEventSource.instances = [];
  vi.stubGlobal('EventSource', ScriptedEventSource);
});
afterEach(() => vi.unstubAllGlobals());

describe('live updates', () => {
  it('without EventSource (jsdom) it is a no-op and polling stays in charge', () => {
    vi.stubGlobal('EventSource', undefined);
    const stop = startLiveUpdates({ onEvents: () => {}, onOpen: () => {} });
    expect(liveStatus.isOpen()).toBe(false);
    expect(() => stop()).not.toThrow();
  });

  it('hands over each valid event, ignores junk, closes on stop', async () => {
    const { batches, stop, source } = start();
    expect(new URL(source.url).pathname).toBe('/api/events');
    source.open();

    source.emit('server.updated', { type: 'server.updated', server });
    source.emit('server.updated', { type: 'server.updated', server: { id: 'half a server' } });
    source.emit('server.updated', 'not json');
    await vi.waitFor(() => expect(batches).toHaveLength(1));
    expect(batches[0]).toEqual([{ type: 'server.updated', server }]);

    stop();
    expect(source.readyState).toBe(ScriptedEventSource.CLOSED);
  });

  it('hands over a servers.updated burst like any event; a malformed one is ignored', async () => {
    const { batches, source } = start();
    source.open();
    const other = sampleServer({ id: 'srv-2', name: 'two' });
    source.emit('servers.updated', { type: 'servers.updated', servers: [server, { id: 'half' }] });
    source.emit('servers.updated', { type: 'servers.updated', servers: [server, other] });
    await vi.waitFor(() => expect(batches).toHaveLength(1));
    expect(batches[0]).toEqual([{ type: 'servers.updated', servers: [server, other] }]);
  });

  it('hands a burst of 100 events over in one batch, in arrival order', async () => {
    const { batches, source } = start();
    source.open();
    for (let i = 0; i < 100; i++)
      source.emit('server.updated', {
        type: 'server.updated',
        server: { ...server, name: `s${i}` },
      });
    await vi.waitFor(() => expect(batches).toHaveLength(1));
    expect(batches[0]).toHaveLength(100);
    expect(batches[0]!.map((e) => (e.type === 'server.updated' ? e.server.name : ''))).toEqual(
      Array.from({ length: 100 }, (_, i) => `s${i}`),
    );
  });

  it('reports the stream open and down in one place, and asks for a resync on each open', () => {
    const { opened, source, stop } = start();
    expect(liveStatus.get()).toBe('down');
    source.open();
    expect(liveStatus.get()).toBe('open');
    expect(opened).toHaveLength(1);
    source.fail({ closed: false });
    expect(liveStatus.get()).toBe('down');
    source.open();
    expect(opened).toHaveLength(2);
    stop();
    expect(liveStatus.get()).toBe('down');
  });

  it('reopens a stream the manager refused, after a back-off', async () => {
    const delay = liveReconnect.firstDelayMs;
    liveReconnect.firstDelayMs = 1;
    try {
      const { source, stop } = start();
      source.fail({ closed: true });
      await vi.waitFor(() => expect(ScriptedEventSource.instances).toHaveLength(2));
      ScriptedEventSource.last.open();
      expect(liveStatus.isOpen()).toBe(true);
      stop();
    } finally {
      liveReconnect.firstDelayMs = delay;
    }
  });
});
