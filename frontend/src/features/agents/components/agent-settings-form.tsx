import { useState, type FormEvent } from 'react';
import { UpdateAgentRequest, type Agent } from '@contract/http/agents';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { errorMessage, isApiError } from '@/lib/api-client';
import { useUpdateAgent } from '../api/update-agent';
import { firstIssues, parseRoots } from './roots-field';

/** Rename a host, change its default data path and the extra roots (only changed fields are sent). */
export function AgentSettingsForm({
  agent,
  serversOnDefault,
}: {
  agent: Agent;
  serversOnDefault: number;
}) {
  const initialRoots = agent.allowedRoots.filter((r) => r !== agent.serverDataPath).join('\n');
  const [name, setName] = useState(agent.name);
  const [dataPath, setDataPath] = useState(agent.serverDataPath ?? '');
  const [roots, setRoots] = useState(initialRoots);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const update = useUpdateAgent();
  const pathChanged = dataPath.trim() !== (agent.serverDataPath ?? '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name === agent.name && !pathChanged && roots === initialRoots)
      return setErrors({ form: 'Nothing changed.' });
    const parsed = UpdateAgentRequest.safeParse({
      ...(name !== agent.name ? { name } : {}),
      ...(pathChanged ? { serverDataPath: dataPath.trim() } : {}),
      ...(roots !== initialRoots ? { allowedRoots: parseRoots(roots) } : {}),
    });
    if (!parsed.success) return setErrors(firstIssues(parsed.error.issues));
    setErrors({});
    update.mutate(
      { agentId: agent.id, body: parsed.data },
      {
        onError: (err) => {
          if (isApiError(err, 'NAME_TAKEN')) return setErrors({ name: err.message });
          if (isApiError(err, 'DATA_PATH_OVERLAP') || isApiError(err, 'DATA_PATH_NOT_ALLOWED'))
            return setErrors({ form: err.message });
          setErrors({ form: errorMessage(err) });
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <TextField label="Host name" value={name} onChange={setName} error={errors.name} />
      <TextField
        label="Default data path"
        value={dataPath}
        onChange={setDataPath}
        error={errors.serverDataPath}
        hint={
          pathChanged && serversOnDefault > 0
            ? `${serversOnDefault} server(s) use the default path: their worlds will be looked for under the new path. Nothing is moved or deleted; move their folders on the host first, or they show as missing data.`
            : 'Where new servers’ folders go unless they name their own.'
        }
      />
      <TextField
        label="Other allowed roots"
        multiline
        value={roots}
        onChange={setRoots}
        error={errors.allowedRoots}
        hint="One absolute folder per line. Roots the agent declares itself stay allowed."
      />
      {errors.form ? (
        <p role="alert" className="text-sm text-red-300">
          {errors.form}
        </p>
      ) : null}
      {update.isSuccess ? (
        <p role="status" className="text-sm text-emerald-300">
          Saved.
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={update.isPending}>
        {update.isPending ? 'Saving…' : 'Save host settings'}
      </Button>
    </form>
  );
}
