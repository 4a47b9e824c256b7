import { ServerColumnsResponse } from '@contract/http/server-columns';
import type { Server } from '@contract/http/servers';
import { parseReply, readJson } from '@/lib/api-client';
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
  const body = await readJson(res);
  // Not trusted, only a hint (the schema checks it next): a wrong count costs one chunk load.
  const count = (body as { count?: unknown } | undefined)?.count;
  if (typeof count === 'number' && count >= virtualizeFrom) void preloadVirtualServerGrid();
  return parseReply(body, ServerColumnsResponse, res.status);
}
