import type { Snapshot } from '@contract/http/snapshots';
import { Badge } from '@/components/ui/badge';

/** Status pill of a snapshot, with the verified mark (the archive read back complete). */
export function SnapshotStatus({ snapshot }: { snapshot: Snapshot }) {
  if (snapshot.status === 'creating')
    return (
      <Badge tone="blue" pulse>
        Creating
      </Badge>
    );
  if (snapshot.status === 'failed')
    return (
      <span className="inline-flex flex-col items-start gap-1">
        <Badge tone="red">Failed</Badge>
        {snapshot.error ? (
          // Agent errors can carry long paths: three lines on screen, all of it in the DOM.
          <span
            className="line-clamp-3 max-w-56 text-xs break-all text-red-300"
            title={snapshot.error.message}
          >
            {snapshot.error.message}
          </span>
        ) : null}
      </span>
    );
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Badge tone="green">Ready</Badge>
      {snapshot.verified ? (
        <span className="inline-flex items-center gap-1 text-xs text-emerald-300">
          <svg aria-hidden viewBox="0 0 16 16" className="size-3.5 fill-current">
            <path d="M6.2 11.6 2.6 8l1.1-1.1 2.5 2.5 6.1-6.1 1.1 1.1z" />
          </svg>
          Verified
        </span>
      ) : (
        <span className="text-xs text-amber-300">Not verified</span>
      )}
    </span>
  );
}
