import type { Server } from '@contract/http/servers';
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

/**
 * The "Drifted" mark; its title names what differs. The diff itself (drift-diff.tsx) is shown on
 * the server's page and in the recreate dialog, and loads with them, not with the cards.
 */
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
