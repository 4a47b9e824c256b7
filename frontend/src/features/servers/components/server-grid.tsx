import { lazy, Suspense } from 'react';
import type { Role } from '@contract/http/auth';
import type { Server } from '@contract/http/servers';
import { ServerCard, type CardHeadingLevel } from './server-card';
import { gridClass } from './server-grid-class';

type VirtualGrid = typeof import('./virtual-server-grid').VirtualServerGrid;
let loadedVirtualGrid: VirtualGrid | undefined;

/**
 * Only large fleets need the virtualizer: small ones never download it. A list known to be
 * large loads it ahead (see read-servers.ts); once loaded it renders at once, without a first
 * pass through the Suspense fallback.
 */
export const preloadVirtualServerGrid = (): Promise<VirtualGrid> =>
  import('./virtual-server-grid').then((m) => (loadedVirtualGrid = m.VirtualServerGrid));
const LazyVirtualServerGrid = lazy(async () => ({ default: await preloadVirtualServerGrid() }));

/**
 * From this many cards on, a grid renders only the rows on screen. Below it every card is in
 * the DOM: small fleets keep find-in-page, and nothing depends on layout measurements.
 */
export const virtualizeFrom = 60;

/**
 * Responsive grid of server cards, or a friendly empty state. `headingLevel` is the level of
 * each card's heading: one below the heading of the section holding the grid.
 */
export function ServerGrid({
  servers,
  role,
  empty,
  headingLevel = 3,
}: {
  servers: Server[];
  role: Role;
  empty: string;
  headingLevel?: CardHeadingLevel;
}) {
  if (servers.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-zinc-800 p-6 text-center text-sm text-zinc-500">
        {empty}
      </p>
    );
  const cards = { role, headingLevel };
  if (servers.length < virtualizeFrom) return <PlainGrid servers={servers} {...cards} />;
  const VirtualServerGrid = loadedVirtualGrid;
  if (VirtualServerGrid) return <VirtualServerGrid servers={servers} {...cards} />;
  return (
    <Suspense fallback={<PlainGrid servers={servers.slice(0, 24)} {...cards} />}>
      <LazyVirtualServerGrid servers={servers} {...cards} />
    </Suspense>
  );
}

function PlainGrid({
  servers,
  role,
  headingLevel,
}: {
  servers: Server[];
  role: Role;
  headingLevel: CardHeadingLevel;
}) {
  return (
    <div className={gridClass}>
      {servers.map((server) => (
        <ServerCard key={server.id} server={server} role={role} headingLevel={headingLevel} />
      ))}
    </div>
  );
}
