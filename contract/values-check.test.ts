import { describe, expect, it } from 'vitest';
import { EntityId, Timestamp } from './common';
import { Fingerprint } from './http/snapshots';
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
  // Objects and arrays of the shapes the columns hold, good and broken.
  { fileCount: 40, totalBytes: 400, hasSaves: true, takenAt: '2026-11-29T05:00:00.000Z' },
  { fileCount: 40, totalBytes: 400, hasSaves: true, takenAt: '2026-11-29T05:00:00.000Z', x: 1 },
  { fileCount: 40, totalBytes: 400, hasSaves: true },
  { fileCount: -1, totalBytes: 400, hasSaves: true, takenAt: '2026-11-29T05:00:00.000Z' },
  { fileCount: 4.5, totalBytes: 400, hasSaves: true, takenAt: '2026-11-29T05:00:00.000Z' },
  { fileCount: 40, totalBytes: 400, hasSaves: 'yes', takenAt: '2026-11-29T05:00:00.000Z' },
  { fileCount: 40, totalBytes: 400, hasSaves: true, takenAt: undefined },
  JSON.parse('{"fileCount":1,"totalBytes":2,"hasSaves":true,"__proto__":{"takenAt":"x"}}'),
  Object.assign(Object.create({ takenAt: '2026-11-29T05:00:00.000Z' }), {
    fileCount: 1,
    totalBytes: 2,
    hasSaves: true,
  }),
  { field: 'image', expected: 'a', actual: null },
  { field: 'image', expected: 'a', actual: null, more: 'x' },
  { field: 'image', expected: 1, actual: null },
  { field: 'image', expected: 'a' },
  [{ field: 'image', expected: 'a', actual: null }],
  [{ field: 'image', expected: 'a', actual: null }, { field: 2 }],
  [{ field: 'image', expected: 'a', actual: null, more: 'x' }],
  [null],
  { RCON_PASSWORD: 'x' },
];

const plainSchemas: Record<string, z.ZodMiniType> = {
  ...Object.fromEntries(Object.entries(Server.shape)),
  EntityId,
  Timestamp,
  Port,
  ServerName,
  ImageTag,
  Fingerprint,
  'fingerprint, nullable': z.nullable(Fingerprint),
  'array of arrays of ints': z.array(z.array(z.number().check(z.int()))).check(z.maxLength(2)),
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
        // Unchanged: the very value, or (objects, arrays) an equal one with the same keys.
        const unchanged =
          parsed.success &&
          (Object.is(parsed.data, value) ||
            (typeof value === 'object' &&
              JSON.stringify(parsed.data) === JSON.stringify(value) &&
              Reflect.ownKeys(parsed.data as object).length === Reflect.ownKeys(value!).length));
        expect(test(value), `${name} ← hostile[${i}]`).toBe(unchanged);
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
    // Objects and arrays of those too (a fingerprint's time makes each server's distinct).
    for (const field of ['healthyFingerprint', 'drift']) expect(fast).toContain(field);
    // Records and objects with optional properties go through zod (they repeat: few values).
    for (const field of ['config', 'activeOperation']) expect(fast).not.toContain(field);
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
      z.object({ a: z.optional(z.string()) }),
      z.strictObject({ a: z.string() }),
      z.looseObject({ a: z.string() }),
      z.object({ a: z.string() }).check(z.refine(() => true)),
      z.array(z.optional(z.string())),
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
