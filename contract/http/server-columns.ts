import { z } from '../zod';
import { checkValues } from '../values-check';
import { listShapes } from './list-shape';
import { Server } from './servers';

export { inColumns, listShapes } from './list-shape';

/**
 * `?shape=columns` on `GET /api/servers` and `GET /api/agents/:agentId/servers`: the same
 * servers as `ListServersResponse`, column by column — what the dashboard asks for
 * (docs/decisions/0082-server-lists-in-columns.md). Every Server field is a column. A column
 * whose values repeat (status, agent, image, config, no operation …) lists each value once and
 * an index string saying which row holds which; a column of distinct values (ids, names, ports,
 * times) lists them in row order. 10,000 servers: about 3 MB instead of 7.6 MB, parsed several
 * times faster, and validated one value per distinct value instead of one object per server.
 *
 * The query of the server lists: no `shape` is the plain `{servers: [...]}`. Other parameters
 * are ignored.
 */
export const ListServersQuery = z.object({ shape: z.optional(z.enum(listShapes)) });
export type ListServersQuery = z.infer<typeof ListServersQuery>;

type Field = keyof Server;

/** The columns, in the order of the Server schema. */
export const serverFields = Object.keys(Server.shape) as Field[];

/**
 * A column: `values` in row order, or the distinct values and `index`, which value each row
 * holds as a string of base-36 digits, `indexWidth(values.length)` digits per row.
 */
export type ServerColumn = { values: unknown[]; index?: string };

/** The wire shape (what the manager sends). */
export type ServerColumns = { count: number; columns: Record<Field, ServerColumn> };

/** Digits per row of an index into `distinct` values (one up to 36 values, two up to 1,296 …). */
export const indexWidth = (distinct: number) =>
  Math.max(1, Math.ceil(Math.log(distinct) / Math.log(36)));

/**
 * A column's shape. Its values are checked in the transform below, a column at a time with the
 * field's own schema (`checkValues`: one fast pass per column instead of one zod parse per value).
 */
const column = z.object({
  values: z.unknown(),
  index: z.optional(z.string().check(z.regex(/^[0-9a-z]*$/))),
});

/**
 * Validates every column with its field's own schema (so exactly what `Server` accepts is
 * accepted) and turns the table back into the servers. A table whose columns do not agree on
 * the rows is refused, before any row is built.
 */
export const ServerColumnsResponse = z.pipe(
  z.object({
    count: z.number().check(z.int(), z.nonnegative()),
    columns: z.object(Object.fromEntries(serverFields.map((field) => [field, column]))),
  }),
  z.transform((table, ctx): Server[] => {
    const columns = table.columns as ServerColumns['columns'];
    for (const field of serverFields) {
      const checked = checkValues(Server.shape[field], columns[field].values);
      if (!checked.success) {
        for (const { message, path } of checked.issues)
          ctx.issues.push({
            code: 'custom',
            message,
            path: ['columns', field, 'values', ...path],
            input: undefined,
          });
        return z.NEVER;
      }
      // What zod answered (objects lose unknown keys), or the values themselves when unchanged.
      columns[field] = { ...columns[field], values: checked.data };
    }
    const rows = rowsOf({ count: table.count, columns });
    if (Array.isArray(rows)) return rows;
    ctx.issues.push({ code: 'custom', message: rows, input: table });
    return z.NEVER;
  }),
);

/** The servers, or why the columns do not describe `count` rows. */
function rowsOf({ count, columns }: ServerColumns): Server[] | string {
  // Ids are distinct, so their column is always listed in full: no more rows are built than the
  // payload really carries, whatever `count` claims.
  if (columns.id.index !== undefined || columns.id.values.length !== count)
    return 'id: one id per server, listed in full';
  const indexed = new Map<Field, Uint32Array>();
  for (const field of serverFields) {
    const { values, index } = columns[field];
    if (index === undefined) {
      if (values.length !== count) return `${field}: ${values.length} values for ${count} rows`;
      continue;
    }
    const rows = indexesOf(index, values.length, count);
    if (typeof rows === 'string') return `${field}: ${rows}`;
    indexed.set(field, rows);
  }
  const at = (field: Field) => {
    const { values } = columns[field];
    const rows = indexed.get(field);
    // One value object serves many rows: frozen, so no row can change another's by accident.
    if (rows) values.forEach(deepFreeze);
    return rows ? (i: number) => values[rows[i]!] : (i: number) => values[i];
  };
  // Each column's values passed its field's schema above.
  const c = Object.fromEntries(serverFields.map((f) => [f, at(f)])) as {
    [F in Field]: (row: number) => Server[F];
  };
  // Every row written out as one literal: one object shape for all rows, several times faster
  // than setting the fields one by one, and the compiler insists on every field of Server.
  const servers = new Array<Server>(count);
  for (let i = 0; i < count; i++)
    servers[i] = {
      id: c.id(i),
      agentId: c.agentId(i),
      name: c.name(i),
      status: c.status(i),
      containerId: c.containerId(i),
      image: c.image(i),
      imageTag: c.imageTag(i),
      config: c.config(i),
      gamePort: c.gamePort(i),
      udpPort: c.udpPort(i),
      rconPort: c.rconPort(i),
      serverDataPath: c.serverDataPath(i),
      effectiveDataPath: c.effectiveDataPath(i),
      dataExists: c.dataExists(i),
      dataCheckedAt: c.dataCheckedAt(i),
      autoRecreate: c.autoRecreate(i),
      deletedAt: c.deletedAt(i),
      createdAt: c.createdAt(i),
      updatedAt: c.updatedAt(i),
      agentStatus: c.agentStatus(i),
      activeOperation: c.activeOperation(i),
      imageId: c.imageId(i),
      imageDigest: c.imageDigest(i),
      healthyFingerprint: c.healthyFingerprint(i),
      snapshotRetention: c.snapshotRetention(i),
      drift: c.drift(i),
    };
  return servers;
}

/** The value index of each row, checked against the values there are. */
function indexesOf(index: string, distinct: number, count: number): Uint32Array | string {
  const width = indexWidth(distinct);
  if (index.length !== count * width)
    return `the index has ${index.length / width} rows, not ${count}`;
  const rows = new Uint32Array(count);
  for (let i = 0, at = 0; i < count; i++) {
    let value = 0;
    for (let d = 0; d < width; d++, at++) {
      const code = index.charCodeAt(at);
      value = value * 36 + (code <= 57 ? code - 48 : code - 87);
    }
    if (value >= distinct) return `row ${i} names value ${value} of ${distinct}`;
    rows[i] = value;
  }
  return rows;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

/** The servers as columns (the manager's and the mock API's side). */
export function serverColumns(servers: Server[]): ServerColumns {
  const columns = {} as Record<Field, ServerColumn>;
  for (const field of serverFields) columns[field] = serverColumn(servers, field);
  return { count: servers.length, columns };
}

/** One column of `serverColumns` (the manager encodes a big list a column at a time). */
export function serverColumn(servers: Server[], field: Field): ServerColumn {
  const all = servers.map((s) => s[field] as unknown);
  if (field === 'id') return { values: all };
  // Equal values share an index: primitives by value, objects by their JSON.
  const primitives = new Map<unknown, number>();
  const objects = new Map<string, number>();
  const values: unknown[] = [];
  const rows: number[] = [];
  for (const value of all) {
    const isObject = value !== null && typeof value === 'object';
    const key = isObject ? JSON.stringify(value) : value;
    const seen = isObject ? objects.get(key as string) : primitives.get(key);
    const at = seen ?? values.length;
    if (seen === undefined) {
      values.push(value);
      if (isObject) objects.set(key as string, at);
      else primitives.set(key, at);
    }
    rows.push(at);
    // Mostly distinct values (ids, names, ports, times — told apart within a few rows):
    // listing them in row order is shorter, and hashing the rest would be wasted.
    if (values.length > Math.max(rows.length / 2, distinctSample / 2)) return { values: all };
  }
  const width = indexWidth(values.length);
  const digits = values.map((_, at) => at.toString(36).padStart(width, '0'));
  return { values, index: rows.map((at) => digits[at]).join('') };
}

/** Rows within which a column of distinct values shows itself. */
const distinctSample = 64;
