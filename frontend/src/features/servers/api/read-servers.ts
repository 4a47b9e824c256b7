import { serverCountHeader } from '@contract/http/list-shape';
import { ServerColumnsResponse } from '@contract/http/server-columns';
import type { Server } from '@contract/http/servers';
import { parseReply } from '@/lib/api-client';
import { prepareDateTimeFormat } from '@/lib/format-time';
import { preloadVirtualServerGrid, virtualizeFrom } from '../components/server-grid';

/**
 * The servers of a server-list request already sent (in columns). What the list's first render
 * will need is got ready while the list is still on the network or being validated: the date
 * formatter the cards use, and for a large list the virtualised grid's code. The list's size
 * comes with its headers (`serverCountHeader`), before its body (10,000 servers: 1.7 MB) is
 * read, and the list is handed over once that code is in: its first render is the grid's, not a
 * plain fallback replaced at once. The header is only a hint (the schema checks the body): a
 * wrong one costs one chunk load, and a chunk that fails to load leaves the grid to load it.
 */
export async function readServers(sent: Promise<Response>): Promise<Server[]> {
  prepareDateTimeFormat();
  const res = await sent;
  const large = Number(res.headers.get(serverCountHeader)) >= virtualizeFrom;
  const gridCode = large ? preloadVirtualServerGrid().catch(() => undefined) : undefined;
  const body = await readJson(res);
  const servers = parseReply(body, ServerColumnsResponse, res.status);
  await gridCode;
  return servers;
}

/**
 * The reply's JSON (undefined when it is not JSON). Each part is decoded as it arrives, while
 * the next is still on the network: once the last byte is in, only the parse is left (decoding
 * the whole body at the end cost 20–40 ms in Chromium).
 */
async function readJson(res: Response): Promise<unknown> {
  const decoder = new TextDecoder();
  let text = '';
  try {
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return JSON.parse(text + decoder.decode()) as unknown;
  } catch {
    return undefined;
  }
}
