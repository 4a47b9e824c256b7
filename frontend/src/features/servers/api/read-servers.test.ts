import { beforeEach, describe, expect, it, vi } from 'vitest';
import { serverCountHeader } from '@contract/http/list-shape';
import { serverColumns } from '@contract/http/server-columns';
import { ApiError } from '@/lib/api-client';
import { sampleServer } from '@/testing/sample-entities';
import { readServers } from './read-servers';

const grid = vi.hoisted(() => ({ preload: vi.fn(() => Promise.resolve()) }));
vi.mock('../components/server-grid', () => ({
  virtualizeFrom: 60,
  preloadVirtualServerGrid: grid.preload,
}));

const fleet = (n: number) =>
  Array.from({ length: n }, (_, i) => sampleServer({ id: `srv-${i}`, name: `s${i}` }));

/** A reply whose body arrives in two parts: the second only when `finish` is called. */
function replyInTwoParts(text: string, split: number, count?: number) {
  const bytes = new TextEncoder().encode(text);
  let finish = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.slice(0, split));
      finish = () => {
        controller.enqueue(bytes.slice(split));
        controller.close();
      };
    },
  });
  const headers: Record<string, string> =
    count === undefined ? {} : { [serverCountHeader]: String(count) };
  return { res: new Response(body, { status: 200, headers }), finish: () => finish() };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('readServers', () => {
  beforeEach(() => grid.preload.mockClear());

  it('fetches a large list’s grid code as soon as the headers say its count', async () => {
    const servers = fleet(100);
    const reply = replyInTwoParts(JSON.stringify(serverColumns(servers)), 40, 100);
    const read = readServers(Promise.resolve(reply.res));
    await settle();
    expect(grid.preload).toHaveBeenCalledTimes(1);
    reply.finish();
    expect(await read).toEqual(servers);
  });

  it('hands a large list over only once its grid code is in, or failed to load', async () => {
    const servers = fleet(100);
    for (const outcome of ['loads', 'fails'] as const) {
      let settleCode = () => {};
      grid.preload.mockImplementationOnce(
        () =>
          new Promise<void>((resolve, reject) => {
            settleCode = outcome === 'loads' ? resolve : () => reject(new Error('chunk failed'));
          }),
      );
      const reply = replyInTwoParts(JSON.stringify(serverColumns(servers)), 40, 100);
      reply.finish();
      let handedOver = false;
      const read = readServers(Promise.resolve(reply.res)).then((list) => {
        handedOver = true;
        return list;
      });
      for (let i = 0; i < 5; i++) await settle();
      expect(handedOver, outcome).toBe(false);
      settleCode();
      expect(await read, outcome).toEqual(servers);
    }
  });

  it('leaves a small list’s grid code alone', async () => {
    const servers = fleet(3);
    for (const count of [3, undefined]) {
      const reply = replyInTwoParts(JSON.stringify(serverColumns(servers)), 20, count);
      reply.finish();
      expect(await readServers(Promise.resolve(reply.res))).toEqual(servers);
    }
    expect(grid.preload).not.toHaveBeenCalled();
  });

  it('reads a character whose bytes arrive in two parts', async () => {
    const servers = [sampleServer({ id: 'srv-1', name: 'zombie 🧟 world' })];
    const text = JSON.stringify(serverColumns(servers));
    // Split inside the emoji's four UTF-8 bytes: each part alone is not valid UTF-8.
    const split = new TextEncoder().encode(text.slice(0, text.indexOf('🧟'))).length + 2;
    const reply = replyInTwoParts(text, split);
    reply.finish();
    expect(await readServers(Promise.resolve(reply.res))).toEqual(servers);
  });

  it('refuses a body that is not JSON, or not a valid list, whatever its count header says', async () => {
    const notJson = replyInTwoParts('{"count":100,"columns":{', 12, 100);
    notJson.finish();
    await expect(readServers(Promise.resolve(notJson.res))).rejects.toBeInstanceOf(ApiError);

    const table = serverColumns(fleet(2));
    table.columns.gamePort.values[1] = 'not a port';
    const hostile = replyInTwoParts(JSON.stringify(table), 10);
    hostile.finish();
    await expect(readServers(Promise.resolve(hostile.res))).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
    });
  });
});
