import { Link, useParams } from 'react-router-dom';
import { Card } from '@/components/ui/card';
import { PageProblem } from '@/components/ui/page-problem';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage, isApiError } from '@/lib/api-client';
import { routes } from '@/lib/routes';
import { useAgents } from '@/features/agents/api/get-agents';
import { AuditList } from '@/features/audit/components/audit-list';
import { useServer } from '@/features/servers/api/get-server';
import { AutoRecreateToggle } from '@/features/servers/components/auto-recreate-toggle';
import { DataStatusBanner } from '@/features/servers/components/data-status-banner';
import { DriftBadge } from '@/features/servers/components/drift-badge';
import { DriftNotice } from '@/features/servers/components/drift-notice';
import { ServerActions } from '@/features/servers/components/server-actions';
import { ServerOverview } from '@/features/servers/components/server-overview';
import { SnapshotsSection } from '@/features/servers/components/snapshots-section';
import { useStatusAnnouncement } from '@/features/servers/components/use-status-announcement';
import {
  lastKnownStatusText,
  ServerStatusBadge,
} from '@/features/servers/components/server-status-badge';
import { useCurrentUser } from '../use-current-user';
import { LastFailureNotice } from './last-failure-notice';

/** Server detail: status, actions, data banner, config, snapshots, settings and recent activity. */
export function ServerPage() {
  const { serverId = '' } = useParams();
  const user = useCurrentUser();
  const server = useServer(serverId);
  const agents = useAgents();
  useStatusAnnouncement(server.data);
  if (server.isPending) return <Spinner label="Loading server" />;
  if (server.isError)
    return isApiError(server.error, 'NOT_FOUND') ? (
      <PageProblem title="Server not found">
        This server does not exist (it may have been purged).
      </PageProblem>
    ) : (
      <PageProblem title="Server unavailable">
        Could not load the server: {errorMessage(server.error)}
      </PageProblem>
    );
  const s = server.data;
  const agent = agents.data?.find((a) => a.id === s.agentId);
  const agentName = agent?.name ?? 'Agent';
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-400">
        <Link to={routes.home} className="hover:text-zinc-200">
          Servers
        </Link>{' '}
        /{' '}
        <Link to={routes.agent(s.agentId)} className="hover:text-zinc-200">
          {agentName}
        </Link>{' '}
        / <span className="text-zinc-200">{s.name}</span>
      </nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold text-zinc-50">{s.name}</h1>
        <ServerStatusBadge server={s} />
        <DriftBadge server={s} />
        {s.agentStatus !== 'online' && s.status !== 'deleted' ? (
          <span className="text-sm text-zinc-400">Last known status: {lastKnownStatusText(s)}</span>
        ) : null}
      </header>
      <Card className="p-5">
        <h2 className="mb-3 text-sm font-medium tracking-wide text-zinc-400 uppercase">Actions</h2>
        <ServerActions server={s} role={user.role} />
      </Card>
      {s.status === 'failed' ? <LastFailureNotice serverId={s.id} /> : null}
      <DataStatusBanner server={s} />
      <DriftNotice server={s} />
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="space-y-6">
          <Card className="p-5">
            <h2 className="mb-4 text-sm font-medium tracking-wide text-zinc-400 uppercase">
              Overview
            </h2>
            <ServerOverview server={s} agentDefaultImage={agent?.defaultImage} />
          </Card>
          <Card className="p-5">
            <SnapshotsSection server={s} role={user.role} />
          </Card>
        </div>
        <div className="space-y-6">
          <Card className="p-5">
            <h2 className="mb-4 text-sm font-medium tracking-wide text-zinc-400 uppercase">
              Settings
            </h2>
            <AutoRecreateToggle server={s} role={user.role} />
          </Card>
          <Card className="p-5">
            <h2 className="mb-2 text-sm font-medium tracking-wide text-zinc-400 uppercase">
              Recent activity
            </h2>
            <AuditList serverId={s.id} />
          </Card>
        </div>
      </div>
    </div>
  );
}
