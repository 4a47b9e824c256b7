import { z } from './zod';

/**
 * Many values checked against one schema, as fast as the browser can: a server list's column
 * holds thousands of ids, names, ports and times, and zod's interpreted parse (the dashboard's CSP
 * forbids its compiled one) costs a payload object, a run and a checks loop per value.
 *
 * The rules stay the schema's. For the kinds a column holds (strings, numbers, booleans, enums,
 * and nullables, arrays and plain objects of them) the type test is zod's own (typeof, finite
 * number, enum's set) and
 * every check is run through the check's own function (`_zod.check`, its `when` included), so
 * a format, a length or an integer rule means here exactly what it means to zod. Anything else
 * (records, optional properties, coercion, transforms, refinements, a check kind not listed below)
 * has no fast test and is parsed by zod value by value. And the fast test only ever accepts:
 * when it refuses a value, zod parses the whole column and its answer (and its issues) decide.
 */
export type ValuesResult =
  { success: true; data: unknown[] } | { success: false; issues: z.core.$ZodIssue[] };

export function checkValues(schema: z.ZodMiniType, values: unknown): ValuesResult {
  const accepts = fastTest(schema);
  // What the fast test accepts zod would output unchanged (objects: equal, with the same keys).
  if (accepts && Array.isArray(values) && values.every(accepts))
    return { success: true, data: values };
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
    element?: z.ZodMiniType;
    shape?: Record<string, z.ZodMiniType>;
    catchall?: z.ZodMiniType;
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

/** A test accepting only values zod accepts unchanged, or undefined for kinds it does not know. */
export function fastTest(schema: z.ZodMiniType): Test | undefined {
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
    case 'array': {
      const element = def.element && fastTest(def.element);
      return element && withChecks(zod, (value) => Array.isArray(value) && value.every(element));
    }
    case 'object':
      return def.catchall ? undefined : objectTest(zod, def.shape ?? {});
    default:
      return undefined;
  }
}

/**
 * A plain `z.object`: zod's output is a new object with only the shape's keys, so the fast test
 * accepts only an object that has exactly those keys, each passing its own fast test (the
 * output then equals the input). Unknown keys, optional properties (no fast test) and strict or
 * loose objects (`catchall`) are left to zod.
 */
function objectTest(zod: Internals, shape: Record<string, z.ZodMiniType>): Test | undefined {
  const props: [string, Test][] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const test = fastTest(schema);
    if (!test || key === '__proto__') return undefined;
    props.push([key, test]);
  }
  return withChecks(zod, (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    for (const [key, test] of props)
      if (!Object.hasOwn(value, key) || !test((value as Record<string, unknown>)[key]))
        return false;
    return Reflect.ownKeys(value).length === props.length;
  });
}

/** The type test, then the schema's checks in zod's order (the schema first if it is one). */
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
