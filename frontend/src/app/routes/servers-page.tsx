import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import type { Server } from '@contract/http/servers';
import { PageProblem } from '@/components/ui/page-problem';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-client';
import { routes } from '@/lib/routes';
import { useAgents } from '@/features/agents/api/get-agents';
import { AgentHeader } from '@/features/agents/components/agent-header';
import { useServers } from '@/features/servers/api/get-servers';
import { ServerGrid } from '@/features/servers/components/server-grid';
import { RecoverAll } from '../recover/recover-all';
import { useCurrentUser } from '../use-current-user';
import { StatTiles } from './stat-tiles';

/** Overview: every agent with its (non-deleted) servers. */
export function ServersPage() {
  const user = useCurrentUser();
  const agents = useAgents();
  const servers = useServers();
  // One pass over the servers, not one per agent: 1,000 agents × 10,000 servers adds up.
  const byAgent = useMemo(() => {
    const groups = new Map<string, Server[]>();
    for (const s of servers.data ?? []) {
      const group = groups.get(s.agentId);
      if (group) group.push(s);
      else groups.set(s.agentId, [s]);
    }
    return groups;
  }, [servers.data]);
  if (agents.isPending || servers.isPending) return <Spinner label="Loading servers" />;
  if (agents.isError || servers.isError)
    return (
      <PageProblem title="Servers unavailable">
        Could not load servers: {errorMessage(agents.error ?? servers.error)}
      </PageProblem>
    );
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold text-zinc-50">Servers</h1>
        <p className="text-sm text-zinc-400">All Project Zomboid servers across your hosts.</p>
      </header>
      <StatTiles servers={servers.data} agents={agents.data} />
      {agents.data.map((agent) => {
        const mine = byAgent.get(agent.id) ?? [];
        const deleted = mine.filter((s) => s.status === 'deleted').length;
        return (
          <section key={agent.id} aria-label={`Agent ${agent.name}`} className="space-y-4">
            <AgentHeader
              agent={agent}
              as="h2"
              actions={
                <div className="flex items-center gap-4">
                  <RecoverAll agent={agent} servers={mine} role={user.role} />
                  <Link
                    to={routes.agent(agent.id)}
                    className="text-sm text-emerald-300 hover:underline"
                  >
                    Open agent{deleted > 0 ? ` · ${deleted} deleted` : ''} →
                  </Link>
                </div>
              }
            />
            <ServerGrid
              servers={mine.filter((s) => s.status !== 'deleted')}
              role={user.role}
              empty="No servers on this agent yet."
            />
          </section>
        );
      })}
    </div>
  );
}
