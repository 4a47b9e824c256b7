import type { Server } from '@contract/http/servers';
import { Badge, type BadgeTone } from '@/components/ui/badge';

type StatusLook = { tone: BadgeTone; text: string; pulse?: boolean };

const byStatus: Record<Server['status'], StatusLook> = {
  creating: { tone: 'blue', text: 'Creating', pulse: true },
  running: { tone: 'green', text: 'Running' },
  stopped: { tone: 'gray', text: 'Stopped' },
  missing: { tone: 'amber', text: 'Missing' },
  failed: { tone: 'red', text: 'Failed' },
  deleted: { tone: 'violet', text: 'Deleted' },
};

/**
 * What the user should believe about the server. When its agent is unreachable we cannot know
 * whether the container runs, so the badge says "Agent offline" instead of a stale status.
 * Deleted is a record fact, true regardless of the agent.
 */
export function serverStatusLook(server: Pick<Server, 'status' | 'agentStatus'>): StatusLook {
  if (server.agentStatus !== 'online' && server.status !== 'deleted')
    return { tone: 'orange', text: 'Agent offline' };
  return byStatus[server.status];
}

/** Last observed status, capitalised ("Missing"), for "last known" hints. */
export const lastKnownStatusText = (server: Pick<Server, 'status'>) => byStatus[server.status].text;

export function ServerStatusBadge({ server }: { server: Pick<Server, 'status' | 'agentStatus'> }) {
  const look = serverStatusLook(server);
  return (
    <Badge tone={look.tone} pulse={look.pulse} testId="server-status">
      {look.text}
    </Badge>
  );
}
