import type { AgentStatus } from '@contract/http/agents';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const look: Record<AgentStatus, { tone: BadgeTone; text: string }> = {
  online: { tone: 'green', text: 'Online' },
  offline: { tone: 'orange', text: 'Offline' },
  pending: { tone: 'gray', text: 'Never connected' },
};

/** Connection state of a host. */
export function AgentStatusBadge({ status }: { status: AgentStatus }) {
  return <Badge tone={look[status].tone}>{look[status].text}</Badge>;
}
