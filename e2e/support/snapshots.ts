import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';
import { ListSnapshotsResponse, apiPaths, type Snapshot } from '@contract/index';
import { getServer } from './api';
import { stackEnv } from './stack-env';

/** A server's snapshots as the manager lists them (newest first). */
export async function listSnapshots(api: APIRequestContext, serverId: string): Promise<Snapshot[]> {
  const res = await api.get(apiPaths.serverSnapshots(serverId));
  expect(res.status(), await res.text()).toBe(200);
  return ListSnapshotsResponse.parse(await res.json()).snapshots;
}

/** Waits until the manager holds a healthy fingerprint of the server's world with saves in it. */
export async function waitForHealthyFingerprint(api: APIRequestContext, serverId: string) {
  await expect
    .poll(async () => (await getServer(api, serverId)).healthyFingerprint?.hasSaves ?? false, {
      timeout: 30_000,
    })
    .toBe(true);
}

/** `{agent default data path}/.zedops-snapshots/{server name}` — where the agent writes archives. */
export function snapshotDirOf(serverName: string): string {
  return path.join(stackEnv.serverDataPath, '.zedops-snapshots', serverName);
}
