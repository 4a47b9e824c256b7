import type { ReactNode } from 'react';
import type { Agent } from '@contract/http/agents';
import { formatDateTime, timeAgo } from '@/lib/format-time';
import { AgentStatusBadge } from './agent-status-badge';

/** Agent name, connection state and defaults; `actions` is rendered on the right. */
export function AgentHeader({
  agent,
  actions,
  as: Heading = 'h1',
}: {
  agent: Agent;
  actions?: ReactNode;
  as?: 'h1' | 'h2';
}) {
  // Roots the host owner allows besides the default data path (where server folders may go).
  const otherRoots = agent.allowedRoots.filter((root) => root !== agent.serverDataPath);
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-3">
          <Heading
            className={
              Heading === 'h1'
                ? 'text-2xl font-semibold text-zinc-50'
                : 'text-lg font-semibold text-zinc-50'
            }
          >
            {agent.name}
          </Heading>
          <AgentStatusBadge status={agent.status} />
        </div>
        <p className="mt-1 text-sm text-zinc-400">
          {agent.status === 'online' ? (
            'Connected'
          ) : (
            <span title={formatDateTime(agent.lastSeenAt)}>
              Last seen {timeAgo(agent.lastSeenAt)}
            </span>
          )}
          {agent.statusReason ? ` · ${agent.statusReason}` : null}
          {agent.serverDataPath ? (
            <>
              {' '}
              · data in <code className="text-zinc-300">{agent.serverDataPath}</code>
            </>
          ) : null}
          {otherRoots.length > 0 ? (
            <>
              {' '}
              · also allowed: <code className="text-zinc-300">{otherRoots.join(', ')}</code>
            </>
          ) : null}
        </p>
      </div>
      {actions}
    </div>
  );
}
