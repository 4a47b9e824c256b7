import type { ImagePin, ImageResolveResult } from '@contract/agent-protocol';
import type { RebuildPreviewResponse } from '@contract/http/rebuild-preview';
import {
  compareRebuildImage,
  rebuildPreviewReasons as reasons,
  unknownRebuildPreview,
} from '@contract/rebuild-preview';
import type { StoreCore } from './core';
import type { ServerRecord } from './state';

/** What the registry serves under `image:tag`. */
export interface RegistryImage {
  imageId: string;
  digest: string;
}

const hex64 = () =>
  Array.from({ length: 64 }, () => Math.floor(Math.random() * 16).toString(16)).join('');

/** A new image under `ref` in the registry (moving the tag); the hosts do not have it yet. */
export function publishImage(core: StoreCore, ref: string): RegistryImage {
  const image = { imageId: `sha256:${hex64()}`, digest: `sha256:${hex64()}` };
  core.state.registry[ref] = image;
  return image;
}

const imageRefOf = (core: StoreCore, server: ServerRecord) => {
  const image = server.image ?? core.agent(server.agentId).defaultImage;
  return image ? { image, ref: `${image}:${server.imageTag}` } : null;
};

/**
 * The pin a pull of the server's tag records: the registry's image when it serves the tag; when
 * the pull fails, the host's copy of the tag (the image the server ran); else a made-up local
 * image without a digest (the mocks' registry does not list every tag).
 */
export function pinAfterPull(core: StoreCore, server: ServerRecord): ImagePin {
  const named = imageRefOf(core, server);
  const served = named && !core.state.registryDown ? core.state.registry[named.ref] : undefined;
  if (served) return { imageId: served.imageId, imageDigest: served.digest };
  if (server.imageId) return { imageId: server.imageId, imageDigest: server.imageDigest };
  const id = core.newId('img').replace(/[^a-z0-9]/g, '');
  return { imageId: `sha256:${id.padEnd(64, '0')}`, imageDigest: null };
}

/**
 * The agent's `image.resolve`: the registry's digest for the tag, and what the host holds under
 * it — in the mocks, the image the server last pulled (its pin).
 */
function resolveTag(core: StoreCore, server: ServerRecord, ref: string): ImageResolveResult {
  const local = server.imageId
    ? { imageId: server.imageId, imageDigest: server.imageDigest }
    : null;
  if (core.state.registryDown) {
    const host = ref.split('/')[0];
    const reason = `Get "http://${host}/v2/": dial tcp ${host}: connect: connection refused`;
    return { imageRef: ref, registryDigest: null, reason, local };
  }
  const served = core.state.registry[ref];
  if (!served)
    return {
      imageRef: ref,
      registryDigest: null,
      reason: 'manifest unknown: manifest unknown',
      local,
    };
  return { imageRef: ref, registryDigest: served.digest, local };
}

/** GET /api/servers/:serverId/rebuild-preview, answered like the manager (contract rule). */
export function rebuildPreview(core: StoreCore, serverId: string): RebuildPreviewResponse {
  const server = core.record(serverId);
  const named = imageRefOf(core, server);
  const current = {
    imageRef: named?.ref ?? null,
    imageId: server.imageId,
    imageDigest: server.imageDigest,
  };
  if (!named) return unknownRebuildPreview(current, reasons.noImage);
  if (core.agent(server.agentId).status !== 'online')
    return unknownRebuildPreview(current, reasons.agentOffline);
  return compareRebuildImage(current, resolveTag(core, server, named.ref));
}
