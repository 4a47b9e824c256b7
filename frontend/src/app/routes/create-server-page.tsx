import { Link, useNavigate, useParams } from 'react-router-dom';
import { Card } from '@/components/ui/card';
import { PageProblem } from '@/components/ui/page-problem';
import { Spinner } from '@/components/ui/spinner';
import { routes } from '@/lib/routes';
import { useAgents } from '@/features/agents/api/get-agents';
import { CreateServerForm } from '@/features/servers/components/create-server-form';
import { useCurrentUser } from '../use-current-user';

/** New server on one agent. */
export function CreateServerPage() {
  const { agentId = '' } = useParams();
  const user = useCurrentUser();
  const agents = useAgents();
  const navigate = useNavigate();
  if (agents.isPending) return <Spinner label="Loading agent" />;
  const agent = agents.data?.find((a) => a.id === agentId);
  if (!agent) return <PageProblem title="Agent not found">No agent with id {agentId}.</PageProblem>;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-400">
        <Link to={routes.agent(agent.id)} className="hover:text-zinc-200">
          {agent.name}
        </Link>{' '}
        / New server
      </nav>
      <h1 className="text-2xl font-semibold text-zinc-50">New server on {agent.name}</h1>
      <Card className="p-6">
        {user.role === 'viewer' ? (
          <p className="text-sm text-zinc-400">Viewers cannot change servers.</p>
        ) : (
          <CreateServerForm agent={agent} onCreated={(id) => navigate(routes.server(id))} />
        )}
      </Card>
    </div>
  );
}
