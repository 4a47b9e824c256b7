import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentCloseCodes,
  agentHelloMaxBytes,
  agentProtocolVersion,
  HelloFrame,
} from '@contract/agent-protocol';
import { UserResponse } from '@contract/http/auth';
import { RawAgentSocket } from '../testing/raw-agent-socket';
import { ScriptedAgent } from '../testing/scripted-agent';
import { connectAgent, startTestManager, type TestManager } from '../testing/harness';
import { defaultHandshakeLimits } from './handshake-limits';

const eightMiB = 8 * 1024 * 1024;

function hello(token: string) {
  return JSON.stringify({
    type: 'hello',
    token,
    protocolVersion: agentProtocolVersion,
    agentVersion: 'raw',
    hostname: 'raw-host',
    defaultDataPath: null,
    docker: { available: true },
  });
}

describe('the largest valid hello', () => {
  it('fits in agentHelloMaxBytes (every string at its maximum, in 3-byte characters)', () => {
    const wide = (n: number) => '€'.repeat(n);
    const frame = {
      type: 'hello',
      token: wide(512),
      protocolVersion: agentProtocolVersion,
      agentVersion: wide(64),
      hostname: wide(255),
      defaultDataPath: wide(255),
      docker: { available: false, reason: wide(500), version: wide(64) },
    };
    expect(HelloFrame.parse(frame)).toEqual(frame); // the schema changed? grow the limit with it
    expect(Buffer.byteLength(JSON.stringify(frame))).toBeLessThanOrEqual(agentHelloMaxBytes);
  });
});

describe('unauthenticated agent sockets', () => {
  let t: TestManager;

  beforeAll(async () => {
    // Caps raised so that all 300 hostile sockets get as far as sending their frame.
    t = await startTestManager({
      agentHandshakeLimits: { maxPending: 1000, maxPendingPerAddress: 1000 },
      helloTimeoutMs: 60_000,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('300 sockets each sending an 8 MiB frame are cut off with 1009 and never welcomed', async () => {
    const sockets = await Promise.all(
      Array.from({ length: 300 }, () => RawAgentSocket.open(t.manager.url)),
    );
    expect(sockets.every((s) => s.status === 101)).toBe(true);
    await Promise.all(sockets.map((s) => s.sendHugeFrame(eightMiB)));
    const outcomes = await Promise.all(sockets.map((s) => s.closed));
    for (const outcome of outcomes) {
      // 1009 "too big" at the limit; the old behaviour read all 8 MiB, then said 4400 "expected hello".
      expect(outcome.closeCode).toBe(1009);
      expect(outcome.texts).toEqual([]);
    }
    // The manager still serves people and agents.
    await t.admin.expect(200, UserResponse, 'GET', '/api/auth/me');
    const { agent } = await connectAgent(t, 'after-flood');
    await agent.disconnect();
  });

  it('a hello at the size limit is read; a larger frame is not', async () => {
    const pad = (size: number) => {
      const base = hello('not-a-valid-token');
      return base.slice(0, -1) + `,"x":"${'p'.repeat(size - base.length - 7)}"}`;
    };
    const fits = await RawAgentSocket.open(t.manager.url);
    fits.sendText(pad(agentHelloMaxBytes));
    const read = await fits.closed;
    expect(read.closeCode).toBe(agentCloseCodes.invalidToken); // parsed, token refused
    const over = await RawAgentSocket.open(t.manager.url);
    over.sendText(pad(agentHelloMaxBytes + 1024));
    expect((await over.closed).closeCode).toBe(1009);
  });

  it('after a refused hello nothing more is parsed, not even a valid hello', async () => {
    const created = (await t.admin.call('POST', '/api/agents', { name: 'second-try' })).body as {
      registrationToken: string;
    };
    const socket = await RawAgentSocket.open(t.manager.url);
    socket.sendText(hello('not-a-valid-token'));
    socket.sendText(hello(created.registrationToken));
    const outcome = await socket.closed;
    expect(outcome.closeCode).toBe(agentCloseCodes.invalidToken);
    expect(outcome.texts.map((x) => (JSON.parse(x) as { type: string }).type)).toEqual([
      'rejected',
    ]);
    // The token was not used up by the ignored hello: the real agent still registers with it.
    const agent = await ScriptedAgent.connect(t.manager.url, created.registrationToken);
    expect(agent.credential).toBeDefined();
    await agent.disconnect();
  });

  it('a refused hello followed by 8 MiB is cut off, the rest left unread', async () => {
    const socket = await RawAgentSocket.open(t.manager.url);
    socket.sendText(hello('not-a-valid-token'));
    await socket.waitForText('rejected');
    await socket.sendHugeFrame(eightMiB);
    const outcome = await socket.closed;
    expect(outcome.closeCode).toBe(agentCloseCodes.invalidToken);
    expect(outcome.texts).toHaveLength(1);
  });
});

describe('caps on unauthenticated sockets', () => {
  let t: TestManager;

  beforeAll(async () => {
    // Silent sockets must stay pending for the whole test, not time out of their hello.
    t = await startTestManager({ helloTimeoutMs: 60_000 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses the upgrade past the per-address cap (429) and past the global cap (503)', async () => {
    const { maxPending, maxPendingPerAddress } = defaultHandshakeLimits;
    const open: RawAgentSocket[] = [];
    const from = (address: string) => RawAgentSocket.open(t.manager.url, { localAddress: address });
    for (let i = 0; i < maxPendingPerAddress; i++) open.push(await from('127.0.0.1'));
    expect(open.every((s) => s.status === 101)).toBe(true);
    const tooMany = await from('127.0.0.1');
    expect(tooMany.status).toBe(429);
    await tooMany.closed;
    // Another address still gets in, up to the global cap.
    for (let a = 2; open.length < maxPending; a++)
      for (let i = 0; i < maxPendingPerAddress && open.length < maxPending; i++)
        open.push(await from(`127.0.0.${a}`));
    expect(open.every((s) => s.status === 101)).toBe(true);
    const full = await from('127.0.0.200');
    expect(full.status).toBe(503);
    await full.closed;
    // Slots come back when sockets go away.
    open.forEach((s) => s.destroy());
    await Promise.all(open.map((s) => s.closed));
    const again = await from('127.0.0.1');
    expect(again.status).toBe(101);
    again.destroy();
  });

  it('an authenticated agent does not hold a slot', async () => {
    for (let i = 0; i < defaultHandshakeLimits.maxPendingPerAddress + 2; i++) {
      const { agent } = await connectAgent(t, `host-${i}`);
      expect(agent.agentId).toBeDefined();
    }
  });
});
