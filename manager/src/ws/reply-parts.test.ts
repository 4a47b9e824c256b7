import type WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import type { ContainerInfo, ListPart, RequestFrame } from '@contract/agent-protocol';
import { sampleContainer } from '@contract/testing/sample-container';
import { AgentOperationError } from '../domain/errors';
import { AgentConnection } from './agent-connection';

/** An open socket that records what the manager sends (the frames' validation is what is tested). */
function connection() {
  const sent: RequestFrame[] = [];
  const ws = {
    OPEN: 1,
    readyState: 1,
    send: (text: string) => sent.push(JSON.parse(text) as RequestFrame),
  } as unknown as WebSocket;
  return { conn: new AgentConnection('agent-1', ws, () => undefined), sent };
}

const container = (i: number): ContainerInfo => sampleContainer(i);
const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => container(from + i));

function listInParts(partSize = 2) {
  const { conn, sent } = connection();
  const handed: ListPart[] = [];
  const result = conn.request(
    { name: 'container.list', partSize },
    { timeoutMs: 10_000, onPart: (part) => handed.push(part) },
  );
  const id = sent[0]!.id;
  return { conn, id, result, handed };
}

const invalid = { code: 'INVALID_REQUEST' };

describe('a container list in parts', () => {
  it('is validated part by part and resolved whole, in order, with the image env', async () => {
    const { conn, id, result } = listInParts();
    conn.part({ type: 'reply.part', id, result: { containers: range(0, 2) } });
    conn.part({ type: 'reply.part', id, result: { containers: range(2, 4) } });
    const imageEnv = { 'sha256:a': { PATH: '/bin' } };
    conn.settle({
      type: 'reply',
      id,
      ok: true,
      result: { containers: range(4, 5), imageEnv, parts: 2 },
    });
    expect(await result).toEqual({ containers: range(0, 5), imageEnv });
  });

  it("hands each valid part over as it arrives, the images' environments with the first", async () => {
    const { conn, id, result, handed } = listInParts();
    const imageEnv = { 'sha256:a': { PATH: '/bin' } };
    conn.part({ type: 'reply.part', id, result: { containers: range(0, 2), imageEnv } });
    expect(handed).toEqual([{ containers: range(0, 2), imageEnv }]);
    conn.part({ type: 'reply.part', id, result: { containers: range(2, 4) } });
    expect(handed).toHaveLength(2);
    conn.part({ type: 'reply.part', id, result: { containers: range(0, 3) } }); // over the size
    expect(handed).toHaveLength(2); // a refused part is never handed over
    await expect(result).rejects.toMatchObject(invalid);
  });

  it('from an agent older than parts (one reply, no count) is taken as it is', async () => {
    const { conn, id, result } = listInParts();
    conn.settle({ type: 'reply', id, ok: true, result: { containers: range(0, 5) } });
    expect(await result).toEqual({ containers: range(0, 5) });
  });

  it('fails when the reply counts parts that never came (a lost or forged part)', async () => {
    const { conn, id, result } = listInParts();
    conn.part({ type: 'reply.part', id, result: { containers: range(0, 2) } });
    conn.settle({ type: 'reply', id, ok: true, result: { containers: range(2, 3), parts: 2 } });
    await expect(result).rejects.toMatchObject(invalid);
  });

  it('fails at once on a malformed part, a part over the size asked for, and ignores the reply after', async () => {
    for (const bad of [
      { containers: [{ ...container(0), id: 7 }] },
      { containers: range(0, 3) },
      { containers: 'everything' },
      null,
    ]) {
      const { conn, id, result } = listInParts();
      conn.part({ type: 'reply.part', id, result: bad });
      await expect(result).rejects.toBeInstanceOf(AgentOperationError);
      await expect(result).rejects.toMatchObject(invalid);
      const late = { type: 'reply' as const, id, ok: true as const, result: { containers: [] } };
      expect(conn.settle(late)).toBe(false); // nobody waits for it any more
    }
  });

  it('is refused for a request that did not ask for parts', async () => {
    const { conn, sent } = connection();
    const single = conn.request(
      { name: 'container.list', serverId: '11111111-1111-4111-8111-111111111111' },
      { timeoutMs: 10_000 },
    );
    const check = conn.request({ name: 'data.check', items: [] }, { timeoutMs: 10_000 });
    for (const frame of sent)
      conn.part({ type: 'reply.part', id: frame.id, result: { containers: range(0, 1) } });
    await expect(single).rejects.toMatchObject(invalid);
    await expect(check).rejects.toMatchObject(invalid);
  });

  it('ignores a part for a request nobody is waiting for', async () => {
    const { conn, id, result } = listInParts();
    conn.part({ type: 'reply.part', id: 'someone-else', result: { containers: range(0, 2) } });
    conn.settle({ type: 'reply', id, ok: true, result: { containers: range(0, 1) } });
    expect(await result).toEqual({ containers: range(0, 1) });
  });
});
