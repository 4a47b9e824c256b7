import { describe, expect, it } from 'vitest';
import type { ImageResolveResult } from './agent-protocol-image';
import { compareRebuildImage, rebuildPreviewReasons } from './rebuild-preview';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const ref = 'reg.test/pz:b42';
const pinned = { imageRef: ref, imageId: d('1'), imageDigest: d('a') };
const answer = (over: Partial<ImageResolveResult>): ImageResolveResult => ({
  imageRef: ref,
  registryDigest: d('a'),
  local: { imageId: d('1'), imageDigest: d('a') },
  ...over,
});

describe('compareRebuildImage: one rule, by registry digest', () => {
  it('the pinned digest is the registry’s → unchanged, next is the pinned image', () => {
    expect(compareRebuildImage(pinned, answer({}))).toEqual({
      current: pinned,
      next: { digest: d('a'), imageId: d('1') },
      changes: false,
    });
  });

  it('the tag moved → changes, with the host’s id of the new image only when it holds it', () => {
    expect(compareRebuildImage(pinned, answer({ registryDigest: d('b') }))).toEqual({
      current: pinned,
      next: { digest: d('b'), imageId: null },
      changes: true,
    });
    const held = answer({
      registryDigest: d('b'),
      local: { imageId: d('2'), imageDigest: d('b') },
    });
    expect(compareRebuildImage(pinned, held).next).toEqual({ digest: d('b'), imageId: d('2') });
  });

  it('a pin without a digest: same only when the host’s tag is that image with the registry’s digest', () => {
    const undigested = { ...pinned, imageDigest: null };
    expect(compareRebuildImage(undigested, answer({})).changes).toBe(false);
    expect(
      compareRebuildImage(undigested, answer({ local: { imageId: d('1'), imageDigest: null } })),
    ).toEqual({
      current: undigested,
      next: { digest: d('a'), imageId: null },
      changes: true,
      reason: rebuildPreviewReasons.undigestedPin,
    });
    expect(compareRebuildImage(undigested, answer({ local: null })).changes).toBe(true);
  });

  it('no registry digest, or nothing pinned → unknown, and why', () => {
    const down = answer({ registryDigest: null, reason: 'connection refused' });
    expect(compareRebuildImage(pinned, down)).toEqual({
      current: pinned,
      next: { digest: null, imageId: null },
      changes: null,
      reason: rebuildPreviewReasons.registry('connection refused'),
    });
    const unpinned = { imageRef: ref, imageId: null, imageDigest: null };
    expect(compareRebuildImage(unpinned, answer({}))).toMatchObject({
      next: { digest: d('a'), imageId: d('1') },
      changes: null,
      reason: rebuildPreviewReasons.noPin,
    });
  });
});
