import { describe, expect, it } from 'vitest';
import type { ContainerInfo } from './agent-protocol';
import { joinListParts, splitListResult } from './list-parts';
import { sampleContainer } from './testing/sample-container';

const containers = (n: number): ContainerInfo[] =>
  Array.from({ length: n }, (_, i) => sampleContainer(i));

describe('container.list in parts', () => {
  it('cuts full slices into parts, keeps the rest and the image env in the reply, and joins back in order', () => {
    const whole = { containers: containers(2500), imageEnv: { 'sha256:a': { PATH: '/bin' } } };
    const { parts, reply } = splitListResult(whole, 1000);
    expect(parts.map((p) => p.containers.length)).toEqual([1000, 1000]);
    expect(reply.containers).toHaveLength(500);
    expect(reply.parts).toBe(2);
    expect(reply.imageEnv).toEqual(whole.imageEnv);
    // The first part carries the environments too (compared before the reply comes); no other.
    expect(parts.map((p) => p.imageEnv)).toEqual([whole.imageEnv, undefined]);
    expect(joinListParts(parts, reply)).toEqual(whole);
    // A reply without them (an agent that sends them up front only) still joins whole.
    const { imageEnv: _, ...bare } = reply;
    expect(joinListParts(parts, bare)).toEqual(whole);
  });

  it('never sends an empty reply after a full part, and a small list needs no parts', () => {
    expect(splitListResult({ containers: containers(2000) }, 1000).reply.containers).toHaveLength(
      1000,
    );
    const small = splitListResult({ containers: containers(3) }, 1000);
    expect(small.parts).toEqual([]);
    expect(joinListParts([], small.reply)).toEqual({ containers: containers(3) });
  });

  it('refuses to join when a part is missing or extra', () => {
    const { parts, reply } = splitListResult({ containers: containers(2500) }, 1000);
    expect(joinListParts(parts.slice(1), reply)).toBeNull();
    expect(joinListParts([...parts, parts[0]!], reply)).toBeNull();
    // An agent older than parts sends no count: any part then is one too many.
    expect(joinListParts(parts, { containers: reply.containers })).toBeNull();
  });
});
