import { useState, type FormEvent } from 'react';
import { CreateAgentRequest, type CreateAgentResponse } from '@contract/http/agents';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { errorMessage, isApiError } from '@/lib/api-client';
import { useCreateAgent } from '../api/create-agent';
import { firstIssues, parseRoots } from './roots-field';

/** Name, data path and extra allowed roots of a new Docker host. */
export function AddHostForm({ onCreated }: { onCreated: (created: CreateAgentResponse) => void }) {
  const [name, setName] = useState('');
  const [dataPath, setDataPath] = useState('/srv/zomboid');
  const [roots, setRoots] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useCreateAgent();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = CreateAgentRequest.safeParse({
      name,
      serverDataPath: dataPath.trim(),
      allowedRoots: parseRoots(roots),
    });
    if (!parsed.success) return setErrors(firstIssues(parsed.error.issues));
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: onCreated,
      onError: (err) =>
        setErrors(
          isApiError(err, 'NAME_TAKEN') ? { name: err.message } : { form: errorMessage(err) },
        ),
    });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <TextField
        label="Name"
        value={name}
        onChange={setName}
        error={errors.name}
        hint="How the host is shown, e.g. rack-2."
      />
      <TextField
        label="Data path"
        value={dataPath}
        onChange={setDataPath}
        error={errors.serverDataPath}
        hint="Absolute folder on that host where server folders go by default: {path}/{server}/data."
      />
      <TextField
        label="Other allowed roots (optional)"
        multiline
        value={roots}
        onChange={setRoots}
        error={errors.allowedRoots}
        hint="One absolute folder per line where a server's data may also live. The agent must allow them too (the command below does)."
      />
      {errors.form ? (
        <p role="alert" className="text-sm text-red-300">
          {errors.form}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={create.isPending}>
        {create.isPending ? 'Adding…' : 'Add host'}
      </Button>
    </form>
  );
}
