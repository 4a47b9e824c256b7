import { beforeEach, describe, expect, it } from 'vitest';
import type { CreateResult, ImageResolveResult } from '@contract/agent-protocol';
import { FakeAgent, fakeImage } from '../testing/fake-agent';

// image.resolve through the real dispatcher over the fakes; the registry questions themselves are
// held to Docker's behaviour by the ContainerRuntime contract (runtime-contract-registry.ts).
let a: FakeAgent;
beforeEach(() => {
  a = new FakeAgent();
});

const resolve = (imageTag: string, image = fakeImage) =>
  a.ok<ImageResolveResult>({ name: 'image.resolve', image, imageTag });

describe('image.resolve', () => {
  it('answers the registry’s digest and what the host holds, and pulls nothing', async () => {
    const unpulled = await resolve('v2');
    expect(unpulled).toEqual({
      imageRef: `${fakeImage}:v2`,
      registryDigest: expect.stringMatching(/^sha256:/),
      local: null,
    });
    expect(a.runtime.images.resolve(`${fakeImage}:v2`)).toBeUndefined();

    const created = await a.ok<CreateResult>({
      name: 'container.create',
      spec: a.spec({ imageTag: 'v2' }),
      idempotencyKey: 'k1',
      requireData: false,
    });
    expect(await resolve('v2')).toEqual({ ...unpulled, local: created.image });
    expect(created.image?.imageDigest).toBe(unpulled.registryDigest);

    // The tag moves in the registry: the host still holds the old image under it.
    a.runtime.images.publish(`${fakeImage}:v2`);
    const moved = await resolve('v2');
    expect(moved.registryDigest).not.toBe(unpulled.registryDigest);
    expect(moved.local).toEqual(created.image);
  });

  it('an unknown tag or a registry down is an answer with the reason, not a failure', async () => {
    expect(await resolve('no-such-tag')).toEqual({
      imageRef: `${fakeImage}:no-such-tag`,
      registryDigest: null,
      reason: 'manifest unknown: manifest unknown',
      local: null,
    });
    a.runtime.images.unreachable.set('registry.test', 'silent');
    expect(await resolve('latest')).toMatchObject({
      registryDigest: null,
      reason: expect.stringMatching(/^no answer about registry.test\/zedops\/pz-test:latest/),
    });
  });

  it('junk names are refused at the edge; an engine down is DOCKER_UNAVAILABLE', async () => {
    const bad = await a.refused({ name: 'image.resolve', image: 'Bad Name', imageTag: 'latest' });
    expect(bad.code).toBe('INVALID_REQUEST');
    const slash = await a.refused({ name: 'image.resolve', image: fakeImage, imageTag: '../x' });
    expect(slash.code).toBe('INVALID_REQUEST');
    a.runtime.goDown();
    expect(
      (await a.refused({ name: 'image.resolve', image: fakeImage, imageTag: 'latest' })).code,
    ).toBe('DOCKER_UNAVAILABLE');
  });
});
