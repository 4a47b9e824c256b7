import type { Role } from '@contract/http/auth';
import type { Server } from '@contract/http/servers';
import { ServerCard } from './server-card';

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
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3">
      {servers.map((server) => (
        <ServerCard key={server.id} server={server} role={role} />
      ))}
    </div>
  );
}
