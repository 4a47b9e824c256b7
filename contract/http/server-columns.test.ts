import { describe, expect, it } from 'vitest';
import { Server } from './servers';
import {
  serverColumns,
  ServerColumnsResponse,
  serverFields,
  type ServerColumns,
} from './server-columns';

const at = (i: number) => new Date(Date.UTC(2026, 10, 29, 5, 0, i % 60, i % 1000)).toISOString();

/** A fleet that exercises every kind of value: nulls, objects, arrays, repeats and uniques. */
function fleet(n: number): Server[] {
  return Array.from({ length: n }, (_, i) =>
    Server.parse({
      id: `srv-${i}`,
      agentId: `agent-${i % 3}`,
      name: `server-${String(i).padStart(5, '0')}`,
      status: i % 7 === 0 ? 'missing' : i % 11 === 0 ? 'deleted' : 'running',
      containerId: i % 7 === 0 ? null : `c${i}`,
      image: i % 5 === 0 ? 'ghcr.io/acme/pz' : null,
      imageTag: i % 2 ? 'latest' : 'b42',
      config: i % 4 === 0 ? { RCON_PASSWORD: 'secret', MAX_PLAYERS: '16' } : {},
      gamePort: 2000 + 3 * i,
      udpPort: 2001 + 3 * i,
      rconPort: 2002 + 3 * i,
      serverDataPath: i % 6 === 0 ? '/mnt/big' : null,
      effectiveDataPath: i % 6 === 0 ? '/mnt/big' : '/srv/zedops',
      dataExists: i % 9 === 0 ? null : i % 7 !== 0,
      dataCheckedAt: i % 9 === 0 ? null : at(i),
      autoRecreate: i % 3 === 0,
      deletedAt: i % 11 === 0 ? at(i) : null,
      createdAt: at(i),
      updatedAt: at(i + 1),
      agentStatus: i % 3 === 2 ? 'offline' : 'online',
      activeOperation:
        i % 13 === 0
          ? {
              id: `op-${i}`,
              serverId: `srv-${i}`,
              kind: 'recreate',
              state: 'running',
              requestedBy: 'admin@example.com',
              createdAt: at(i),
              startedAt: at(i),
              finishedAt: null,
              progress: { phase: 'pulling', percent: 40 },
            }
          : null,
      imageId: i % 5 === 0 ? 'sha256:abc' : null,
      imageDigest: null,
      healthyFingerprint:
        i % 2 ? { fileCount: 40, totalBytes: 400_000 + i, hasSaves: true, takenAt: at(i) } : null,
      snapshotRetention: 5,
      drift: i % 17 === 0 ? [{ field: 'env.MAX_PLAYERS', expected: '16', actual: '8' }] : [],
    }),
  );
}

/** An active operation whose kind Server refuses (an object column, checked by zod). */
function breakOperation(t: ServerColumns) {
  const op = t.columns.activeOperation.values.find((v) => v !== null) as { kind: string };
  op.kind = 'explode';
}

const decode = (table: unknown) =>
  ServerColumnsResponse.safeParse(JSON.parse(JSON.stringify(table)));

describe('server lists in columns', () => {
  it('carries exactly the servers of the plain list, in order, in fewer bytes', () => {
    for (const n of [0, 1, 2, 500]) {
      const servers = fleet(n);
      const table = serverColumns(servers);
      expect(Object.keys(table.columns)).toEqual(serverFields);
      const parsed = decode(table);
      expect(parsed.success).toBe(true);
      expect(parsed.data).toEqual(servers);
      if (n === 500)
        expect(JSON.stringify(table).length).toBeLessThan(JSON.stringify({ servers }).length / 2);
    }
  });

  it('lists repeated values once and distinct ones in row order', () => {
    const { columns } = serverColumns(fleet(500));
    expect(columns.agentStatus.values).toEqual(['online', 'offline']);
    expect(columns.agentStatus.index).toMatch(/^(001)+0?0?$/);
    expect(columns.config.values).toHaveLength(2);
    expect(columns.id.index).toBeUndefined();
    expect(columns.gamePort.index).toBeUndefined();
    expect(columns.gamePort.values).toHaveLength(500);
  });

  it('rows that share a value cannot change each other', () => {
    const [, a, b] = decode(serverColumns(fleet(8))).data!;
    expect(a!.drift).toBe(b!.drift);
    expect(() => {
      (b!.drift as unknown[]).push('x');
    }).toThrow(TypeError);
    expect(b!.drift).toEqual([]);
  });

  it('refuses tables whose columns do not agree on the rows, before building any', () => {
    const good = () => JSON.parse(JSON.stringify(serverColumns(fleet(30)))) as ServerColumns;
    const broken: Array<[string, (t: ServerColumns) => void]> = [
      ['count larger than the ids', (t) => (t.count = 1_000_000_000)],
      ['id column indexed', (t) => (t.columns.id = { values: ['srv-0'], index: '0'.repeat(30) })],
      ['short plain column', (t) => t.columns.gamePort.values.pop()],
      ['index one row short', (t) => (t.columns.status.index = t.columns.status.index!.slice(1))],
      [
        'index past the values',
        (t) => (t.columns.status.index = 'z' + t.columns.status.index!.slice(1)),
      ],
      [
        'index not base 36',
        (t) => (t.columns.status.index = '-' + t.columns.status.index!.slice(1)),
      ],
      ['a value Server refuses', (t) => (t.columns.status.values[0] = 'exploded')],
      // Columns of one value per server, checked a column at a time (values-check.ts).
      ['a port that is not an integer', (t) => (t.columns.udpPort.values[29] = 2000.5)],
      ['a port that is a string', (t) => (t.columns.gamePort.values[3] = '2000')],
      ['an id with a space', (t) => (t.columns.id.values[7] = 'srv 7')],
      ['an id too long', (t) => (t.columns.id.values[0] = 'x'.repeat(65))],
      ['a time that is not ISO', (t) => (t.columns.createdAt.values[5] = '2026-11-29 05:00')],
      ['a name that is null', (t) => (t.columns.name.values[1] = null)],
      ['values not an array', (t) => (t.columns.name.values = { 0: 'a' } as never)],
      ['an operation of unknown kind', (t) => breakOperation(t)],
      ['a column missing', (t) => delete (t.columns as Partial<ServerColumns['columns']>).name],
    ];
    for (const [what, breakIt] of broken) {
      const table = good();
      breakIt(table);
      expect(decode(table).success, what).toBe(false);
    }
    expect(decode(good()).success).toBe(true);
  });
});
