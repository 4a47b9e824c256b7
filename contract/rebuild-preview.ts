import type { ImageResolveResult } from './agent-protocol-image';
import type { RebuildPreviewResponse } from './http/rebuild-preview';

type Current = RebuildPreviewResponse['current'];

/** Why a rebuild preview could not compare, in the same words from the manager and the mocks. */
export const rebuildPreviewReasons = {
  noImage: 'No image is set on this server or its agent, so there is nothing to look up.',
  noPin: 'No image is pinned yet (the server has not run healthy since its image was set).',
  agentOffline: 'The agent is offline, so the registry could not be asked.',
  dockerDown: 'Docker on the agent’s host is not answering, so the registry could not be asked.',
  agentFailed: (message: string) => `The agent could not ask the registry: ${message}`,
  registry: (reason: string) => `The registry could not say what the tag is now: ${reason}`,
  /** A pinned image without a digest of this repository: nothing ties it to the registry's. */
  undigestedPin:
    'The pinned image has no digest from this registry (built or tagged on the host), so the registry’s image replaces it.',
};

/** A preview that could not compare: current as stored, nothing known of next. */
export function unknownRebuildPreview(current: Current, reason: string): RebuildPreviewResponse {
  return { current, next: { digest: null, imageId: null }, changes: null, reason };
}

/**
 * The one rule for "will a rebuild change the game image": compare by registry digest. The
 * pinned digest equal to the registry's → same; different → changes. A pin without a digest is
 * the same only when the host's image under the tag is that very image and carries the
 * registry's digest; otherwise the pull replaces it. No registry digest or no pin → unknown.
 */
export function compareRebuildImage(
  current: Current,
  answer: ImageResolveResult,
): RebuildPreviewResponse {
  const digest = answer.registryDigest;
  if (digest === null)
    return unknownRebuildPreview(
      current,
      rebuildPreviewReasons.registry(answer.reason ?? 'no answer'),
    );
  // The host already holds what the registry serves: its id is what the rebuild will run.
  const heldId = answer.local?.imageDigest === digest ? answer.local.imageId : null;
  if (current.imageId === null)
    return {
      current,
      next: { digest, imageId: heldId },
      changes: null,
      reason: rebuildPreviewReasons.noPin,
    };
  if (current.imageDigest !== null) {
    const same = current.imageDigest === digest;
    return { current, next: { digest, imageId: same ? current.imageId : heldId }, changes: !same };
  }
  if (heldId === current.imageId)
    return { current, next: { digest, imageId: heldId }, changes: false };
  return {
    current,
    next: { digest, imageId: heldId },
    changes: true,
    reason: rebuildPreviewReasons.undigestedPin,
  };
}
