import { fingerprintDiverged, type Fingerprint } from '@contract/http/snapshots';
import { cn } from '@/lib/cn';
import { formatBytes, formatFileCount } from '@/lib/format-bytes';
import { formatDateTime, timeAgo } from '@/lib/format-time';

type Row = {
  label: string;
  show: (f: Fingerprint) => string;
  /** The value went down from the healthy one (shown in red when the world diverged). */
  fell: (healthy: Fingerprint, now: Fingerprint) => boolean;
};

const rows: Row[] = [
  {
    label: 'Files',
    show: (f) => formatFileCount(f.fileCount),
    fell: (h, n) => n.fileCount < h.fileCount,
  },
  {
    label: 'Size',
    show: (f) => formatBytes(f.totalBytes),
    fell: (h, n) => n.totalBytes < h.totalBytes,
  },
  {
    label: 'Saves/',
    show: (f) => (f.hasSaves ? 'has files' : 'empty or missing'),
    fell: (h, n) => h.hasSaves && !n.hasSaves,
  },
];

function Taken({ at }: { at: string }) {
  return (
    <time dateTime={at} title={formatDateTime(at)} className="font-normal text-zinc-400">
      · {timeAgo(at)}
    </time>
  );
}

/**
 * The world now next to the last healthy one, as a table (files, size, Saves/). Whether the
 * two diverged is the contract's rule; the cells that went down are marked when they did.
 */
export function FingerprintCompare({
  healthy,
  current,
  caption,
  currentLabel = 'Now',
}: {
  healthy: Fingerprint | null;
  current: Fingerprint | null;
  caption: string;
  currentLabel?: string;
}) {
  const diverged = healthy !== null && current !== null && fingerprintDiverged(healthy, current);
  return (
    <table className="w-full text-left text-sm" data-testid="fingerprint-compare">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-xs text-zinc-400">
        <tr>
          <td />
          <th scope="col" className="py-1 pr-3 font-medium">
            Last healthy {healthy ? <Taken at={healthy.takenAt} /> : null}
          </th>
          <th scope="col" className="py-1 font-medium">
            {currentLabel} {current ? <Taken at={current.takenAt} /> : null}
          </th>
        </tr>
      </thead>
      <tbody className="font-mono text-zinc-200">
        {rows.map((row) => {
          const fell = diverged && row.fell(healthy, current);
          return (
            <tr key={row.label} className="border-t border-zinc-800">
              <th scope="row" className="py-1 pr-3 font-sans font-normal text-zinc-400">
                {row.label}
              </th>
              <td className="py-1 pr-3">{healthy ? row.show(healthy) : 'none recorded yet'}</td>
              <td className={cn('py-1', fell && 'font-semibold text-red-300')}>
                {current ? row.show(current) : 'not measured'}
                {fell ? <span className="sr-only"> (went down)</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
