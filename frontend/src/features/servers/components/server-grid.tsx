import type { Role } from '@contract/http/auth';
import type { Server } from '@contract/http/servers';
import { ServerCard } from './server-card';
import { gridClass } from './server-grid-class';
import { VirtualServerGrid } from './virtual-server-grid';

/**
 * From this many cards on, a grid renders only the rows on screen. Below it every card is in
 * the DOM: small fleets keep find-in-page, and nothing depends on layout measurements.
 */
export const virtualizeFrom = 60;

/** Responsive grid of server cards, or a friendly empty state. */
export function ServerGrid({
  servers,
  role,
  empty,
}: {
  servers: Server[];
  role: Role;
  empty: string;
}) {
  if (servers.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-zinc-800 p-6 text-center text-sm text-zinc-500">
        {empty}
      </p>
    );
  if (servers.length >= virtualizeFrom) return <VirtualServerGrid servers={servers} role={role} />;
  return (
    <div className={gridClass}>
      {servers.map((server) => (
        <ServerCard key={server.id} server={server} role={role} />
      ))}
    </div>
  );
}
