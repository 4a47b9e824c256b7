/** The responsive card grid (one, two, three columns); `useGridColumns` mirrors its breakpoints. */
export const gridClass = 'grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3';
