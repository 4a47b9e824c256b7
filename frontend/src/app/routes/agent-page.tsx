import { Link, useNavigate, useParams } from 'react-router-dom';
import { PageProblem } from '@/components/ui/page-problem';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-client';
import { routes } from '@/lib/routes';
import { useAgents } from '@/features/agents/api/get-agents';
import { AgentAdminSection } from '@/features/agents/components/agent-admin-section';
import { AgentHeader } from '@/features/agents/components/agent-header';
import { useAgentServers } from '@/features/servers/api/get-agent-servers';
import { IssuesRecoverySection } from '@/features/servers/components/issues-recovery-section';
import { ServerGrid } from '@/features/servers/components/server-grid';
import { RecoverAll } from '../recover/recover-all';
import { useCurrentUser } from '../use-current-user';

const healthy = new Set(['running', 'stopped', 'creating']);

/** One host: its working servers, then what needs recovering. */
export function AgentPage() {
  const { agentId = '' } = useParams();
  const user = useCurrentUser();
  const agents = useAgents();
  const servers = useAgentServers(agentId);
  const navigate = useNavigate();
  if (agents.isPending || servers.isPending) return <Spinner label="Loading agent" />;
  if (agents.isError || servers.isError)
    return (
      <PageProblem title="Agent unavailable">
        Could not load this agent: {errorMessage(agents.error ?? servers.error)}
      </PageProblem>
    );
  const agent = agents.data.find((a) => a.id === agentId);
  if (!agent) return <PageProblem title="Agent not found">No agent with id {agentId}.</PageProblem>;
  const canCreate = user.role !== 'viewer';
  return (
    <div className="space-y-10">
      <AgentHeader
        agent={agent}
        actions={
          canCreate ? (
            <div className="flex items-center gap-3">
              <RecoverAll agent={agent} servers={servers.data} role={user.role} />
              <Link
                to={routes.newServer(agent.id)}
                className="inline-flex h-10 items-center rounded-md bg-emerald-500 px-4 text-sm font-medium text-zinc-950 hover:bg-emerald-400"
              >
                New server
              </Link>
            </div>
          ) : null
        }
      />
      <section aria-labelledby="servers-heading" className="space-y-4">
        <h2 id="servers-heading" className="text-lg font-semibold text-zinc-50">
          Servers
        </h2>
        <ServerGrid
          servers={servers.data.filter((s) => healthy.has(s.status))}
          role={user.role}
          empty="No running or stopped servers on this agent."
        />
      </section>
      <IssuesRecoverySection servers={servers.data} role={user.role} />
      {user.role === 'admin' ? (
        <AgentAdminSection
          agent={agent}
          serverCount={servers.data.length}
          serversOnDefault={servers.data.filter((s) => s.serverDataPath === null).length}
          onDeleted={() => navigate(routes.home)}
        />
      ) : null}
    </div>
  );
}
