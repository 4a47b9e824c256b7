import { defaultRangeExtractor, useWindowVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { Role } from '@contract/http/auth';
import type { Server } from '@contract/http/servers';
import { ServerCard, type CardHeadingLevel } from './server-card';
import { gridClass } from './server-grid-class';
import { useGridColumns } from './use-grid-columns';

/** A first guess at a row's height (card + gap) before it is measured. */
export const estimatedRowPx = 236;

/**
 * The server grid for large fleets: only the rows on screen (and a few around them) are in the
 * DOM, so 10,000 servers cost what 30 do. The page itself scrolls (a window virtualizer), rows
 * are measured as they render, and the row holding keyboard focus stays rendered even when
 * scrolled away, so focus is never dropped. Tabbing past the last rendered card scrolls it into
 * view, which renders the next rows.
 */
export function VirtualServerGrid({
  servers,
  role,
  headingLevel = 3,
}: {
  servers: Server[];
  role: Role;
  headingLevel?: CardHeadingLevel;
}) {
  const columns = useGridColumns();
  const rowCount = Math.ceil(servers.length / columns);
  const listRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [focusedRow, setFocusedRow] = useState<number | null>(null);
  // Nothing is laid out (jsdom, a hidden tab panel): there is no screen to fit, render it all.
  const [laidOut, setLaidOut] = useState(true);

  // Where the grid starts on the page. What is above it (other agents' grids, notices) can
  // change height; the page's height changes with it, so watching the body is enough.
  useLayoutEffect(() => {
    const measure = () => {
      setLaidOut((listRef.current?.offsetWidth ?? 0) > 0);
      const top = (listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
      setScrollMargin((current) => (Math.abs(current - top) > 1 ? top : current));
    };
    measure();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(document.body);
    window.addEventListener('resize', measure);
    return () => {
      observer?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, []);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const rows = defaultRangeExtractor(range);
      return focusedRow === null || rows.includes(focusedRow)
        ? rows
        : [...rows, focusedRow].sort((a, b) => a - b);
    },
    [focusedRow],
  );

  const virtualizer = useWindowVirtualizer({
    count: rowCount,
    estimateSize: () => estimatedRowPx,
    overscan: 3,
    scrollMargin,
    rangeExtractor,
    getItemKey: (row) => servers[row * columns]?.id ?? row,
  });

  if (!laidOut)
    return (
      <div ref={listRef} className={gridClass}>
        {servers.map((server) => (
          <ServerCard key={server.id} server={server} role={role} headingLevel={headingLevel} />
        ))}
      </div>
    );

  const rowOf = (target: EventTarget) =>
    Number((target as HTMLElement).closest('[data-index]')?.getAttribute('data-index') ?? NaN);

  return (
    <div
      ref={listRef}
      className="relative"
      style={{ height: virtualizer.getTotalSize() }}
      onFocus={(e) => setFocusedRow(rowOf(e.target))}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocusedRow(null);
      }}
    >
      <p className="sr-only">{servers.length} servers; more cards appear as you scroll.</p>
      {virtualizer.getVirtualItems().map((row) => (
        <div
          key={row.key}
          data-index={row.index}
          ref={virtualizer.measureElement}
          className={`${gridClass} absolute top-0 left-0 w-full pb-4`}
          style={{ transform: `translateY(${row.start - scrollMargin}px)` }}
        >
          {servers.slice(row.index * columns, (row.index + 1) * columns).map((server) => (
            <ServerCard key={server.id} server={server} role={role} headingLevel={headingLevel} />
          ))}
        </div>
      ))}
    </div>
  );
}
