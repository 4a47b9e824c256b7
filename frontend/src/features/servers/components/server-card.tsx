import { memo } from 'react';
import { Link } from 'react-router-dom';
import type { Role } from '@contract/http/auth';
import type { Server } from '@contract/http/servers';
import { Card } from '@/components/ui/card';
import { routes } from '@/lib/routes';
import { DataChip } from './data-chip';
import { DriftBadge } from './drift-badge';
import { ServerActions } from './server-actions';
import { lastKnownStatusText, ServerStatusBadge } from './server-status-badge';

export type CardHeadingLevel = 3 | 4;

/**
 * One server in a grid: name, truthful status, image, ports, data state and its actions.
 * Memoised: a live update replaces only the changed server object, so only its card renders.
 */
export const ServerCard = memo(function ServerCard({
  server,
  role,
  headingLevel = 3,
}: {
  server: Server;
  role: Role;
  headingLevel?: CardHeadingLevel;
}) {
  const Heading = headingLevel === 4 ? 'h4' : 'h3';
  const agentDown = server.agentStatus !== 'online' && server.status !== 'deleted';
  return (
    <Card className="flex flex-col gap-4 p-4" aria-label={`Server ${server.name}`} role="article">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <Heading className="truncate text-base font-semibold text-zinc-50">
            <Link to={routes.server(server.id)} className="hover:text-emerald-300 hover:underline">
              {server.name}
            </Link>
          </Heading>
          <p className="mt-0.5 truncate font-mono text-xs text-zinc-400">
            {server.image ?? 'default image'}:{server.imageTag}
          </p>
        </div>
        <div className="flex flex-col items-end gap-1">
          <ServerStatusBadge server={server} />
          <DriftBadge server={server} />
        </div>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs">
        <dt className="text-zinc-500">Game / UDP</dt>
        <dd className="text-right font-mono text-zinc-300">
          {server.gamePort} / {server.udpPort}
        </dd>
        <dt className="text-zinc-500">World data</dt>
        <dd className="text-right">
          <DataChip server={server} />
        </dd>
        {agentDown ? (
          <>
            <dt className="text-zinc-500">Last known</dt>
            <dd className="text-right text-zinc-300">
              {lastKnownStatusText(server)} (unconfirmed)
            </dd>
          </>
        ) : null}
      </dl>
      <div className="mt-auto">
        <ServerActions server={server} role={role} placement="card" />
      </div>
    </Card>
  );
});
