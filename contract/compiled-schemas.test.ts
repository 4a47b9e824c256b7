import { describe, expect, it } from 'vitest';
import { DataCheckResult, ListPart, ListResult, RequestFrame } from './agent-protocol';
import { sampleContainer } from './testing/sample-container';
import { z } from './zod';

/** The same object schema, interpreted by zod/mini as it was before it was compiled. */
const interpreted = (schema: { shape: Record<string, z.ZodMiniType> }) => z.object(schema.shape);

const container = (i: number) =>
  sampleContainer(i, {
    name: `steam-zomboid-s${i}`,
    imageId: 'sha256:abc',
    ports: [{ containerPort: 16261, protocol: 'udp', hostIp: '', hostPort: 16261 }],
    mounts: [{ type: 'bind', source: '/srv/s/data', destination: '/home/steam/Zomboid' }],
    env: { SERVER_UDP_PORT: '16262' },
  });

/** Inputs an agent (or a manager) may send: well formed, and each way of getting it wrong. */
const listParts: unknown[] = [
  { containers: [container(1), container(2)], imageEnv: { 'sha256:abc': { PATH: '/bin' } } },
  { containers: [{ ...container(1), extra: 'dropped' }] },
  { containers: [{ ...container(1), env: { ['__proto__']: 'x', constructor: 'y' } }] },
  { containers: [{ ...container(1), env: { A: 1 } }] },
  { containers: [{ ...container(1), ports: [{ containerPort: 70000, protocol: 'udp' }] }] },
  { containers: [{ ...container(1), mounts: 'all of them' }] },
  { containers: [{ ...container(1), createdAt: 'yesterday' }] },
  { containers: [{ ...container(1), running: 'yes' }] },
  // A digest in place of the details, and the ways of getting it wrong.
  {
    containers: [
      {
        ...container(1),
        ports: undefined,
        mounts: undefined,
        env: undefined,
        digest: 'x'.repeat(43),
      },
    ],
  },
  { containers: [{ ...container(1), digest: 'x'.repeat(65) }] },
  { containers: [{ ...container(1), digest: 43 }] },
  { containers: Array.from({ length: 1001 }, (_, i) => container(i)) },
  { containers: [container(1)], imageEnv: { 'sha256:abc': { PATH: 7 } } },
  { containers: null },
  null,
  'containers',
];

describe('the compiled bulk schemas', () => {
  it('compile whole: no part of them falls back to the interpreted parser', () => {
    for (const schema of [ListPart, ListResult, DataCheckResult, RequestFrame])
      expect(() => z.compile(interpreted(schema), { strict: true })).not.toThrow();
  });

  it('accept, strip and refuse exactly what the interpreted schemas do, with the same issues', () => {
    for (const [compiled, inputs] of [
      [ListPart, listParts],
      [ListResult, listParts.map((p) => (p && typeof p === 'object' ? { ...p, parts: 2 } : p))],
    ] as const)
      for (const input of inputs) {
        const fast = compiled.safeParse(input);
        const slow = interpreted(compiled).safeParse(input);
        expect(fast.success).toBe(slow.success);
        expect(fast.data).toEqual(slow.data);
        expect(fast.error?.issues).toEqual(slow.error?.issues);
      }
  });

  it('data checks and requests too', () => {
    const item = {
      serverId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      dataExists: true,
      binExists: true,
      marker: 'match',
      fingerprint: null,
      checkedAt: '2026-01-01T00:00:00.000Z',
    };
    const checks = [
      { results: [item] },
      { results: [{ ...item, marker: 'maybe' }] },
      { results: [{ ...item, serverId: '../../etc' }] },
    ];
    for (const input of checks) {
      const fast = DataCheckResult.safeParse(input);
      expect(fast.error?.issues).toEqual(
        interpreted(DataCheckResult).safeParse(input).error?.issues,
      );
      expect(fast.data).toEqual(interpreted(DataCheckResult).safeParse(input).data);
    }
    const requests = [
      { type: 'request', id: 'r1', command: { name: 'container.list', partSize: 250 } },
      { type: 'request', id: 'r1', command: { name: 'container.list', partSize: 5000 } },
      { type: 'request', id: 'r1', command: { name: 'container.list', digest: true } },
      { type: 'request', id: 'r1', command: { name: 'container.list', digest: 'yes' } },
      {
        type: 'request',
        id: 'r1',
        command: { name: 'container.list', serverIds: ['0f8fad5b-d9cb-469f-a165-70867728950e'] },
      },
      { type: 'request', id: 'r1', command: { name: 'container.list', serverIds: ['../etc'] } },
      {
        type: 'request',
        id: 'r1',
        command: {
          name: 'container.list',
          serverIds: Array.from({ length: 1001 }, () => '0f8fad5b-d9cb-469f-a165-70867728950e'),
        },
      },
      { type: 'request', id: 'r1', command: { name: 'data.check', items: [{ serverId: 'x' }] } },
      { type: 'request', id: 'r1', command: { name: 'rm -rf' } },
    ];
    for (const input of requests) {
      const fast = RequestFrame.safeParse(input);
      const slow = interpreted(RequestFrame).safeParse(input);
      expect(fast.success).toBe(slow.success);
      expect(fast.data).toEqual(slow.data);
      expect(fast.error?.issues).toEqual(slow.error?.issues);
    }
    expect(RequestFrame.safeParse(requests[0]).success).toBe(true);
    expect(RequestFrame.safeParse(requests[1]).success).toBe(false);
    // Digests asked for; server ids that are ids, at most the contract's cap of them.
    expect(requests.slice(2, 7).map((r) => RequestFrame.safeParse(r).success)).toEqual([
      true,
      false,
      true,
      false,
      false,
    ]);
  });
});
