import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Agent } from '@contract/http/agents';
import { Button } from '@/components/ui/button';
import { errorMessage, isApiError } from '@/lib/api-client';
import { watchOperation } from '@/lib/operation-watch';
import { useCreateServer } from '../api/create-server';
import {
  emptyCreateServerForm,
  toCreateServerRequest,
  type CreateServerFormValues,
  type FieldErrors,
  type FieldName,
} from './create-server-fields';
import { FormField } from './form-field';

/** Maps a refusal from the manager to the field it is about. */
function serverErrorToFields(err: unknown): FieldErrors {
  if (isApiError(err, 'NAME_TAKEN')) return { name: err.message };
  // The folder {dataPath}/{name} is refused: the message names the other server or the roots.
  if (isApiError(err, 'DATA_PATH_OVERLAP') || isApiError(err, 'DATA_PATH_NOT_ALLOWED'))
    return { serverDataPath: err.message };
  if (isApiError(err, 'PORT_CONFLICT')) {
    const field = err.details?.field;
    const target: FieldName = field === 'udpPort' || field === 'rconPort' ? field : 'gamePort';
    return { [target]: err.message, form: err.message };
  }
  return { form: errorMessage(err) };
}

/** Where the folder goes by default, and the roots it must stay inside. */
function dataPathHint(agent: Agent): string {
  const fallback = `Empty = agent default${agent.serverDataPath ? ` (${agent.serverDataPath})` : ''}.`;
  const roots = agent.allowedRoots;
  return roots.length > 0 ? `${fallback} Must be inside ${roots.join(' or ')}.` : fallback;
}

/** New server on an agent: contract validation inline, then the manager's own refusals. */
export function CreateServerForm({
  agent,
  onCreated,
}: {
  agent: Agent;
  onCreated: (serverId: string) => void;
}) {
  const [values, setValues] = useState<CreateServerFormValues>(emptyCreateServerForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateServer();
  // After a refused submit, focus goes to the first field in error (its message is read with
  // it), so a keyboard user lands where the fix is, not on the button.
  const formRef = useRef<HTMLFormElement>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);
  const refuse = (found: FieldErrors) => {
    setErrors(found);
    setRefusals((n) => n + 1);
  };
  const set = (field: keyof CreateServerFormValues) => (value: string | boolean) =>
    setValues((v) => ({ ...v, [field]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    const { body, errors: found } = toCreateServerRequest(values);
    if (!body) return refuse(found);
    setErrors(found);
    create.mutate(
      { agentId: agent.id, body },
      {
        onSuccess: (res) => {
          watchOperation(res.operation);
          onCreated(res.server.id);
        },
        onError: (err) => refuse(serverErrorToFields(err)),
      },
    );
  };

  const field = (
    name: FieldName,
    label: string,
    extra: { hint?: string; placeholder?: string; inputMode?: 'numeric' } = {},
  ) => (
    <FormField
      name={name}
      label={label}
      value={values[name]}
      onChange={set(name)}
      error={errors[name]}
      {...extra}
    />
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-2">
        {field('name', 'Name', {
          hint: 'Lowercase, 3–32 characters; the container is steam-zomboid-<name>.',
          placeholder: 'my-world',
        })}
        {field('imageTag', 'Image tag', { placeholder: 'latest' })}
        {field('image', 'Image (optional)', {
          hint: `Empty = agent default${agent.defaultImage ? ` (${agent.defaultImage})` : ''}.`,
        })}
        {field('serverDataPath', 'Data path (optional)', {
          hint: dataPathHint(agent),
        })}
        {field('gamePort', 'Game port (optional)', { inputMode: 'numeric', placeholder: '16261' })}
        {field('udpPort', 'UDP port (optional)', { inputMode: 'numeric', placeholder: '16262' })}
        {field('rconPort', 'RCON port (optional)', { inputMode: 'numeric', placeholder: '27015' })}
      </div>
      <FormField
        name="config"
        label="Environment config (optional)"
        multiline
        value={values.config}
        onChange={set('config')}
        error={errors.config}
        hint="One KEY=value per line, e.g. SERVER_NAME=My World."
      />
      <label className="flex items-center gap-2 text-sm text-zinc-200">
        <input
          type="checkbox"
          className="size-4 accent-emerald-500"
          checked={values.autoRecreate}
          onChange={(e) => set('autoRecreate')(e.target.checked)}
        />
        Auto-recreate the container if it vanishes (only when world data exists)
      </label>
      {errors.form ? (
        <p
          role="alert"
          className="rounded-md bg-red-500/10 p-3 text-sm text-red-300 ring-1 ring-red-500/30"
        >
          {errors.form}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create server'}
      </Button>
    </form>
  );
}
