import type { DriftItem, Server } from '@contract/http/servers';
import { Badge } from '@/components/ui/badge';

/** What each drift field is, in the user's words. */
const fieldLabels: Record<string, string> = {
  name: 'Container name',
  image: 'Image',
  ports: 'Published ports',
  mounts: 'Mounts',
};

export const driftFieldLabel = (field: string) =>
  field.startsWith('env.') ? `Environment ${field.slice(4)}` : (fieldLabels[field] ?? field);

/** True when the server's container differs from what its stored config builds. */
export const isDrifted = (server: Pick<Server, 'drift'>) => server.drift.length > 0;

/** The "Drifted" mark; its title names what differs. */
export function DriftBadge({ server }: { server: Pick<Server, 'drift'> }) {
  if (!isDrifted(server)) return null;
  return (
    <span
      title={`Differs from the stored config: ${server.drift.map((d) => driftFieldLabel(d.field)).join(', ')}`}
    >
      <Badge tone="orange" testId="server-drifted">
        Drifted
      </Badge>
    </span>
  );
}

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
