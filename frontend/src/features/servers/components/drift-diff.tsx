import type { DriftItem } from '@contract/http/servers';
import { driftFieldLabel } from './drift-badge';

const shown = (value: string | null) =>
  value === null ? <span className="text-zinc-500 italic">not set</span> : value;

/** The diff: each field, what the stored config builds, what the container has. */
export function DriftDiff({ drift }: { drift: DriftItem[] }) {
  return (
    <table className="w-full table-fixed text-left text-xs" aria-label="Drift">
      <thead className="text-zinc-400">
        <tr>
          <th scope="col" className="w-1/4 py-1 pr-2 font-medium">
            What
          </th>
          <th scope="col" className="py-1 pr-2 font-medium">
            Stored config
          </th>
          <th scope="col" className="py-1 font-medium">
            Container now
          </th>
        </tr>
      </thead>
      <tbody className="align-top">
        {drift.map((d) => (
          <tr key={d.field} className="border-t border-zinc-800">
            <th scope="row" className="py-1.5 pr-2 font-medium text-zinc-300">
              {driftFieldLabel(d.field)}
            </th>
            <td className="py-1.5 pr-2 font-mono break-all text-emerald-200">
              {shown(d.expected)}
            </td>
            <td className="py-1.5 font-mono break-all text-orange-200">{shown(d.actual)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
