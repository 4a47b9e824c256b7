import { describe, expect, it } from 'vitest';
import { EntityId, Timestamp } from './common';
import { Server } from './http/servers';
import { ImageTag, Port, ServerName } from './http/validation';
import { checkValues, fastTest } from './values-check';
import { z } from './zod';

/** Values a hostile or broken manager could put in a column (JSON ones, and a few more). */
const hostile: unknown[] = [
  null,
  undefined,
  true,
  false,
  0,
  -0,
  1,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 53),
  65535,
  65536,
  NaN,
  Infinity,
  -Infinity,
  '',
  ' ',
  'a',
  'running',
  'RUNNING',
  'online',
  'srv-1',
  'srv 1',
  'x'.repeat(64),
  'x'.repeat(65),
  '😀'.repeat(33),
  '😀'.repeat(32),
  'a\nb',
  '2026-11-29T05:00:00.000Z',
  '2026-11-29T05:00:00Z',
  '2026-11-29T05:00:00.000+01:00',
  '2026-11-29 05:00:00',
  '2026-13-29T05:00:00.000Z',
  '2026-11-29T05:00:00.000Z\n',
  '1',
  '8',
  [],
  ['a'],
  {},
  { toString: () => 'srv-1' },
  new String('srv-1'),
  Object.assign(Object.create(null), { a: 1 }),
];

const plainSchemas: Record<string, z.ZodMiniType> = {
  ...Object.fromEntries(Object.entries(Server.shape)),
  EntityId,
  Timestamp,
  Port,
  ServerName,
  ImageTag,
  'string with length and regex': z.string().check(z.minLength(2), z.maxLength(3), z.regex(/^a/)),
  'int in a range': z.number().check(z.int(), z.minimum(1), z.maximum(10)),
  'any number': z.number(),
  'any string': z.string(),
  'multiple of 5': z.number().check(z.multipleOf(5)),
  'enum, nullable': z.nullable(z.enum(['a', 'b'])),
  'nullable nullable boolean': z.nullable(z.nullable(z.boolean())),
};

describe('checkValues: a column at a time, with the field schema’s own rules', () => {
  it('a fast test accepts a value only when zod accepts it, unchanged', () => {
    for (const [name, schema] of Object.entries(plainSchemas)) {
      const test = fastTest(schema);
      if (!test) continue;
      for (const [i, value] of hostile.entries()) {
        const parsed = schema.safeParse(value);
        const zodAccepts = parsed.success && Object.is(parsed.data, value);
        expect(test(value), `${name} ← hostile[${i}]`).toBe(zodAccepts);
      }
    }
  });

  it('has a fast test for every column that holds one value per server', () => {
    const fast = Object.keys(Server.shape).filter((f) =>
      fastTest(Server.shape[f as keyof typeof Server.shape]),
    );
    // The columns of mostly distinct values (ids, names, ports, times, container ids) are the
    // ones with thousands of values; objects, records and arrays repeat and go through zod.
    for (const field of [
      'id',
      'name',
      'containerId',
      'gamePort',
      'udpPort',
      'rconPort',
      'dataCheckedAt',
      'createdAt',
      'updatedAt',
    ])
      expect(fast).toContain(field);
    for (const field of ['config', 'activeOperation', 'healthyFingerprint', 'drift'])
      expect(fast).not.toContain(field);
  });

  it('has no fast test for what changes a value or runs custom code', () => {
    const kinds = [
      z.string().check(z.trim()),
      z.string().check(z.refine((s) => s.length > 1)),
      z.coerce.number(),
      z.optional(z.string()),
      z.pipe(
        z.string(),
        z.transform((s) => s.length),
      ),
      z.object({ a: z.string() }),
    ];
    for (const schema of kinds) expect(fastTest(schema)).toBeUndefined();
  });

  it('answers as zod does for the whole column: data, or issues with the row', () => {
    for (const [name, schema] of Object.entries(plainSchemas)) {
      for (const [i, value] of hostile.entries()) {
        const column = ['srv-1', value, 'srv-2'];
        const ours = checkValues(schema, column);
        const zods = z.array(schema).safeParse(column);
        expect(ours.success, `${name} ← hostile[${i}]`).toBe(zods.success);
        if (ours.success && zods.success) expect(ours.data).toEqual(zods.data);
        if (!ours.success && !zods.success) expect(ours.issues).toEqual(zods.error.issues);
      }
    }
  });

  it('gives objects as zod outputs them (unknown keys dropped)', () => {
    const drift = [{ field: 'image', expected: 'a', actual: 'b', extra: 'dropped' }];
    const checked = checkValues(Server.shape.drift, [drift]);
    expect(checked).toEqual({
      success: true,
      data: [[{ field: 'image', expected: 'a', actual: 'b' }]],
    });
  });
});
