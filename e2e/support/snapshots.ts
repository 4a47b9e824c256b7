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

/**
 * Waits until the manager holds a healthy fingerprint of the server's world with saves in it.
 * The game writes its saves a moment after it starts, and a check taken before that holds none:
 * each try asks for a live data check (which records the fingerprint of a running server), as a
 * user would, instead of waiting for another server's event to bring one about.
 */
export async function waitForHealthyFingerprint(api: APIRequestContext, serverId: string) {
  await expect
    .poll(
      async () => {
        const server = await getServer(api, serverId);
        if (server.healthyFingerprint?.hasSaves) return true;
        const check = await api.get(apiPaths.checkData(server.agentId, serverId));
        expect(check.status(), await check.text()).toBe(200);
        return false;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

/** `{agent default data path}/.zedops-snapshots/{server name}` — where the agent writes archives. */
export function snapshotDirOf(serverName: string): string {
  return path.join(stackEnv.serverDataPath, '.zedops-snapshots', serverName);
}
