import type { Server } from '@contract/http/servers';
import { formatDateTime } from '@/lib/format-time';
import { ConfigValue } from './config-value';
import { serverDir } from './server-dir';

/** What will actually be pulled: the server's own image, else the agent's default (named when known). */
function imageLabel(server: Server, agentDefaultImage: string | null | undefined): string {
  if (server.image) return `${server.image}:${server.imageTag}`;
  return agentDefaultImage
    ? `${agentDefaultImage}:${server.imageTag} (agent default)`
    : `agent default:${server.imageTag}`;
}

/** Stored config and observed facts of a server, as a definition list. */
export function ServerOverview({
  server,
  agentDefaultImage,
}: {
  server: Server;
  agentDefaultImage?: string | null;
}) {
  const rows: Array<[string, string]> = [
    ['Image', imageLabel(server, agentDefaultImage)],
    ['Game port (UDP)', String(server.gamePort)],
    ['Second UDP port', String(server.udpPort)],
    ['RCON port (not published)', String(server.rconPort)],
    ['Data folder', serverDir(server) ?? 'agent default'],
    ['Container', server.containerId ? server.containerId.slice(0, 12) : 'none'],
    ['Created', formatDateTime(server.createdAt)],
    ['Updated', formatDateTime(server.updatedAt)],
  ];
  if (server.deletedAt) rows.push(['Deleted', formatDateTime(server.deletedAt)]);
  const config = Object.entries(server.config);
  return (
    <div className="space-y-4">
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        {rows.map(([label, value]) => (
          <div key={label} className="min-w-0">
            <dt className="text-zinc-500">{label}</dt>
            <dd className="truncate font-mono text-zinc-200" title={value}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {config.length > 0 ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-zinc-400 hover:text-zinc-200">
            Environment config ({config.length})
          </summary>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 font-mono text-xs">
            {config.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-zinc-400">{k}</dt>
                <dd className="truncate text-zinc-200">
                  <ConfigValue value={v} />
                </dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </div>
  );
}
