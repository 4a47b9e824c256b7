import { z } from './zod';

/**
 * Many values checked against one schema, as fast as the browser can: a server list's column
 * holds thousands of ids, names, ports and times, and zod's interpreted parse (the dashboard's CSP
 * forbids its compiled one) costs a payload object, a run and a checks loop per value.
 *
 * The rules stay the schema's. For the plain kinds a column holds (strings, numbers, booleans,
 * enums, each maybe nullable) the type test is zod's own (typeof, finite number, enum's set) and
 * every check is run through the check's own function (`_zod.check`, its `when` included), so
 * a format, a length or an integer rule means here exactly what it means to zod. Anything else
 * (objects, records, arrays, coercion, transforms, refinements, a check kind not listed below)
 * has no fast test and is parsed by zod value by value. And the fast test only ever accepts:
 * when it refuses a value, zod parses the whole column and its answer (and its issues) decide.
 */
export type ValuesResult =
  { success: true; data: unknown[] } | { success: false; issues: z.core.$ZodIssue[] };

export function checkValues(schema: z.ZodMiniType, values: unknown[]): ValuesResult {
  const accepts = fastTest(schema);
  // Fast-tested kinds leave a valid value as it is, so the values are their own output.
  if (accepts && values.every(accepts)) return { success: true, data: values };
  const parsed = z.array(schema).safeParse(values);
  return parsed.success
    ? { success: true, data: parsed.data }
    : { success: false, issues: parsed.error.issues };
}

type Test = (value: unknown) => boolean;
type Internals = {
  def: {
    type: string;
    coerce?: boolean;
    innerType?: z.ZodMiniType;
    checks?: CheckLike[];
    check?: string;
    when?: (payload: Payload) => boolean;
  };
  traits: Set<string>;
  values?: Set<unknown>;
  check?: (payload: Payload) => unknown;
};
type CheckLike = { _zod: Internals };
type Payload = { value: unknown; issues: unknown[] };

/**
 * Checks that only look at the value and report issues: a fast test may run them. `overwrite`
 * (changes the value) and `custom` (a refinement, maybe async) are not here on purpose.
 */
const predicateChecks = new Set([
  'min_length',
  'max_length',
  'length_equals',
  'string_format',
  'less_than',
  'greater_than',
  'multiple_of',
  'number_format',
]);

const tests = new WeakMap<object, Test | null>();

/** A test accepting only values zod accepts unchanged, or undefined for kinds it does not know. */
export function fastTest(schema: z.ZodMiniType): Test | undefined {
  let test = tests.get(schema);
  if (test === undefined) tests.set(schema, (test = buildTest(schema) ?? null));
  return test ?? undefined;
}

function buildTest(schema: z.ZodMiniType): Test | undefined {
  const zod = (schema as unknown as CheckLike)._zod;
  const { def } = zod;
  if (def.coerce) return undefined;
  switch (def.type) {
    case 'nullable': {
      const inner = def.innerType && fastTest(def.innerType);
      return inner && ((value) => value === null || inner(value));
    }
    case 'string':
      return withChecks(zod, (value) => typeof value === 'string');
    case 'number':
      return withChecks(zod, (value) => typeof value === 'number' && Number.isFinite(value));
    case 'boolean':
      return withChecks(zod, (value) => typeof value === 'boolean');
    case 'enum': {
      const values = zod.values;
      return values && withChecks(zod, (value) => values.has(value));
    }
    default:
      return undefined;
  }
}

/** The type test, then the schema's checks in zod's order (the schema itself first if it is one). */
function withChecks(zod: Internals, type: Test): Test | undefined {
  const checks = [
    ...(zod.traits.has('$ZodCheck') ? [{ _zod: zod }] : []),
    ...(zod.def.checks ?? []),
  ];
  if (!checks.every((c) => predicateChecks.has(c._zod.def.check ?? '') && c._zod.check))
    return undefined;
  if (checks.length === 0) return type;
  const runs = checks.map((c) => ({ when: c._zod.def.when, check: c._zod.check! }));
  const payload: Payload = { value: undefined, issues: [] };
  return (value) => {
    if (!type(value)) return false;
    payload.value = value;
    for (const { when, check } of runs) {
      if (when && !when(payload)) continue;
      check(payload);
      if (payload.issues.length > 0) {
        payload.issues.length = 0;
        return false;
      }
    }
    return true;
  };
}
