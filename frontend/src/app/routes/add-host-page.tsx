import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { CreateAgentResponse } from '@contract/http/agents';
import { Card } from '@/components/ui/card';
import { routes } from '@/lib/routes';
import { AddHostForm } from '@/features/agents/components/add-host-form';
import { RegistrationTokenPanel } from '@/features/agents/components/registration-token-panel';
import { useCurrentUser } from '../use-current-user';

/** Admins add a Docker host: its settings, then the token and command to start its agent. */
export function AddHostPage() {
  const user = useCurrentUser();
  const [created, setCreated] = useState<CreateAgentResponse | null>(null);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold text-zinc-50">Add a host</h1>
      {user.role !== 'admin' ? (
        <p className="text-sm text-zinc-400">Only admins add hosts.</p>
      ) : created ? (
        <Card className="space-y-6 p-6">
          <RegistrationTokenPanel agent={created.agent} token={created.registrationToken} />
          <p className="text-sm text-zinc-400">
            The host shows as <em>never connected</em> until its agent connects.{' '}
            <Link to={routes.agent(created.agent.id)} className="text-emerald-300 hover:underline">
              Go to {created.agent.name}
            </Link>
          </p>
        </Card>
      ) : (
        <Card className="p-6">
          <p className="mb-4 text-sm text-zinc-400">
            Each Docker host runs one agent. Name the host and say where its servers&apos; files
            live; you get the command to start the agent there.
          </p>
          <AddHostForm onCreated={setCreated} />
        </Card>
      )}
    </div>
  );
}
