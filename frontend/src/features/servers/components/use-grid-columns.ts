import { useSyncExternalStore } from 'react';

// The card grid's Tailwind breakpoints (`sm:grid-cols-2 xl:grid-cols-3`), as media queries.
const queries = [
  { columns: 3, query: '(min-width: 80rem)' },
  { columns: 2, query: '(min-width: 40rem)' },
];

function currentColumns(): number {
  if (typeof window.matchMedia !== 'function') return 1;
  return queries.find(({ query }) => window.matchMedia(query).matches)?.columns ?? 1;
}

function subscribe(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => {};
  const lists = queries.map(({ query }) => window.matchMedia(query));
  for (const list of lists) list.addEventListener('change', onChange);
  return () => lists.forEach((list) => list.removeEventListener('change', onChange));
}

/** How many cards a row of the server grid holds at the current viewport width. */
export function useGridColumns(): number {
  return useSyncExternalStore(subscribe, currentColumns, () => 1);
}
