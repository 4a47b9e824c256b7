import { CreateServerRequest } from '@contract/http/servers';

export type CreateServerFormValues = {
  name: string;
  image: string;
  imageTag: string;
  gamePort: string;
  udpPort: string;
  rconPort: string;
  serverDataPath: string;
  config: string;
  autoRecreate: boolean;
};

export type FieldName = Exclude<keyof CreateServerFormValues, 'autoRecreate'>;
export type FieldErrors = Partial<Record<FieldName | 'form', string>>;

export const emptyCreateServerForm: CreateServerFormValues = {
  name: '',
  image: '',
  imageTag: 'latest',
  gamePort: '',
  udpPort: '',
  rconPort: '',
  serverDataPath: '',
  config: '',
  autoRecreate: false,
};

const toPort = (value: string) => (value.trim() === '' ? undefined : Number(value));

/** `KEY=value` lines → record; a line without `=` is reported as an error. */
function parseConfig(text: string): { config?: Record<string, string>; error?: string } {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length === 0) return {};
  const entries: [string, string][] = [];
  for (const line of lines) {
    const eq = line.indexOf('=');
    if (eq <= 0) return { error: `"${line}" is not KEY=value` };
    entries.push([line.slice(0, eq).trim(), line.slice(eq + 1)]);
  }
  // Every key its own property: assigned one by one, `__proto__=x` would vanish here, before the
  // contract could refuse it.
  return { config: Object.fromEntries(entries) };
}

/** Form values → a request the contract accepts, or the contract's messages per field. */
export function toCreateServerRequest(values: CreateServerFormValues): {
  body?: CreateServerRequest;
  errors: FieldErrors;
} {
  const { config, error: configError } = parseConfig(values.config);
  const candidate = {
    name: values.name.trim(),
    imageTag: values.imageTag.trim(),
    image: values.image.trim() || undefined,
    gamePort: toPort(values.gamePort),
    udpPort: toPort(values.udpPort),
    rconPort: toPort(values.rconPort),
    serverDataPath: values.serverDataPath.trim() || undefined,
    config,
    autoRecreate: values.autoRecreate,
  };
  const parsed = CreateServerRequest.safeParse(candidate);
  const errors: FieldErrors = {};
  if (configError) errors.config = configError;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = (issue.path[0] as FieldName | undefined) ?? 'form';
      errors[field] ??= issue.message;
    }
  }
  return Object.keys(errors).length > 0 || !parsed.success
    ? { errors }
    : { body: parsed.data, errors };
}
