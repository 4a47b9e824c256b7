/** Small inline loading indicator with a text alternative. */
export function Spinner({ label = 'Loading' }: { label?: string }) {
  return (
    <span role="status" className="inline-flex items-center gap-2 text-sm text-zinc-400">
      <span
        aria-hidden
        className="size-4 animate-spin rounded-full border-2 border-zinc-600 border-t-zinc-200"
      />
      {label}…
    </span>
  );
}
