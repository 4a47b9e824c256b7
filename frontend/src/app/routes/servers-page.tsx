import { memo, useEffect, useMemo, useRef } from 'react';
import { Link } from 'react-router-dom';
import type { Agent } from '@contract/http/agents';
import type { Role } from '@contract/http/auth';
import type { Server } from '@contract/http/servers';
import { PageProblem } from '@/components/ui/page-problem';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-client';
import { prepareDateTimeFormatWhenIdle } from '@/lib/format-time';
import { routes } from '@/lib/routes';
import { useAgents } from '@/features/agents/api/get-agents';
import { AgentHeader } from '@/features/agents/components/agent-header';
import { useServers } from '@/features/servers/api/get-servers';
import { ServerGrid } from '@/features/servers/components/server-grid';
import { RecoverAll } from '../recover/recover-all';
import { useCurrentUser } from '../use-current-user';
import { groupByAgent } from './group-by-agent';
import { StatTiles } from './stat-tiles';

/** Overview: every agent with its (non-deleted) servers. */
export function ServersPage() {
  const user = useCurrentUser();
  const agents = useAgents();
  const servers = useServers();
  const byAgent = useServersByAgent(servers.data);
  useEffect(prepareDateTimeFormatWhenIdle, []); // while the live stream opens and the lists come
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
      {agents.data.map((agent) => (
        <AgentSection
          key={agent.id}
          agent={agent}
          servers={byAgent.get(agent.id) ?? noServers}
          role={user.role}
        />
      ))}
    </div>
  );
}

const noServers: Server[] = [];

/** The servers by agent; an agent's array is kept while its servers are (see groupByAgent). */
function useServersByAgent(servers: Server[] | undefined): Map<string, Server[]> {
  const previous = useRef(new Map<string, Server[]>());
  return useMemo(
    () => (previous.current = groupByAgent(servers ?? [], previous.current)),
    [servers],
  );
}

/** One agent on the overview: header, Recover all, link to its page, and its (non-deleted) servers. */
const AgentSection = memo(function AgentSection({
  agent,
  servers,
  role,
}: {
  agent: Agent;
  servers: Server[];
  role: Role;
}) {
  const shown = useMemo(() => servers.filter((s) => s.status !== 'deleted'), [servers]);
  const deleted = servers.length - shown.length;
  return (
    <section aria-label={`Agent ${agent.name}`} className="space-y-4">
      <AgentHeader
        agent={agent}
        as="h2"
        actions={
          <div className="flex items-center gap-4">
            <RecoverAll agent={agent} servers={servers} role={role} />
            <Link to={routes.agent(agent.id)} className="text-sm text-emerald-300 hover:underline">
              Open agent{deleted > 0 ? ` · ${deleted} deleted` : ''} →
            </Link>
          </div>
        }
      />
      <ServerGrid servers={shown} role={role} empty="No servers on this agent yet." />
    </section>
  );
});
