import { ServerColumnsResponse } from '@contract/http/server-columns';
import type { Server } from '@contract/http/servers';
import { parseReply } from '@/lib/api-client';
import { prepareDateTimeFormat } from '@/lib/format-time';
import { preloadVirtualServerGrid, virtualizeFrom } from '../components/server-grid';

/**
 * The servers of a server-list request already sent (in columns). What the list's first render
 * will need is got ready while the list is still on the network or being validated: the date
 * formatter the cards use, and for a large list the virtualised grid's code (else it loads only
 * after that render, which then renders the grid a second time).
 */
export async function readServers(sent: Promise<Response>): Promise<Server[]> {
  prepareDateTimeFormat();
  const res = await sent;
  const body = await readJsonSeeingCount(res, (count) => {
    if (count >= virtualizeFrom) void preloadVirtualServerGrid();
  });
  return parseReply(body, ServerColumnsResponse, res.status);
}

/**
 * The reply's JSON (undefined when it is not JSON). The manager writes `count` first, so its
 * first bytes say how large the list is: a large one's grid code is fetched while the rest of
 * the body comes (10,000 servers: 2.7 MB), not after it has all been read and parsed. The count
 * is only a hint (the schema checks it): a wrong one costs one chunk load.
 *
 * Each part is decoded as it arrives, while the next is still on the network: once the last
 * byte is in, only the parse is left (decoding 2.7 MB at the end cost 20–40 ms in Chromium).
 */
async function readJsonSeeingCount(
  res: Response,
  onCount: (count: number) => void,
): Promise<unknown> {
  const decoder = new TextDecoder();
  let text = '';
  try {
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const part = decoder.decode(value, { stream: true });
      const head = text === '' && /^\{"count":(\d+)\D/.exec(part);
      if (head) onCount(Number(head[1]));
      text += part;
    }
    return JSON.parse(text + decoder.decode()) as unknown;
  } catch {
    return undefined;
  }
}
