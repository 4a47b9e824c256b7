import { describe, expect, it } from 'vitest';
import { LiveEvent } from '@contract/events';
import { apiPaths } from '@contract/http/paths';
import { mockDb } from '../db';
import { fixtureIds } from '../fixtures';
import { act } from '../testing/actions';
import { sendRefused, useMockApi, waitForOperationEnd } from '../testing/api';

const { agents, servers } = fixtureIds;

/** Reads SSE frames from a streamed body until `count` events have arrived. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  count: number,
): Promise<{ name: string; event: LiveEvent }[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const out: { name: string; event: LiveEvent }[] = [];
  let buffer = '';
  while (out.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const frames = buffer.split('\n\n');
    buffer = frames.pop() ?? '';
    for (const frame of frames) {
      const name = /^event: (.+)$/m.exec(frame)?.[1];
      const data = /^data: (.+)$/m.exec(frame)?.[1];
      if (name && data) out.push({ name, event: LiveEvent.parse(JSON.parse(data)) });
    }
  }
  // Not `reader.cancel()`: under msw + undici it never settles; the caller aborts the fetch instead.
  reader.releaseLock();
  return out;
}

describe('live events', () => {
  useMockApi('operator');

  it('streams server/operation/agent events as text/event-stream', async () => {
    const controller = new AbortController();
    const response = await fetch(`http://localhost${apiPaths.events}`, {
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reading = readEvents(response.body!, 3);
    mockDb.setAgentStatus(agents.remote, 'online');
    const events = await reading;
    controller.abort();
    expect(events[0]).toMatchObject({
      name: 'agent.updated',
      event: { type: 'agent.updated', agent: { id: agents.remote, status: 'online' } },
    });
    expect(events.slice(1).every((e) => e.name === 'server.updated')).toBe(true);
  });

  it('emits operation.updated and server.updated through a whole recreate', async () => {
    const seen: LiveEvent[] = [];
    const unsubscribe = mockDb.subscribe((e) => seen.push(LiveEvent.parse(e)));
    const reply = await act(agents.local, servers.missing, 'recreate');
    await waitForOperationEnd(reply.operation.id);
    unsubscribe();
    const states = seen.flatMap((e) => (e.type === 'operation.updated' ? [e.operation.state] : []));
    expect(states[0]).toBe('queued');
    expect(states).toContain('running');
    expect(states.at(-1)).toBe('succeeded');
    const lastServer = seen.filter((e) => e.type === 'server.updated').at(-1);
    expect(lastServer).toMatchObject({
      server: { id: servers.missing, status: 'running', activeOperation: null },
    });
  });

  it('refuses the stream without a session', async () => {
    mockDb.signOut();
    expect((await sendRefused('GET', apiPaths.events)).status).toBe(401);
  });
});
