import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { createAgent, createUser } from './api';
import { stackEnv } from './stack-env';

export const viewerUser = { email: 'viewer@e2e.zedops.local', password: 'e2e-viewer-password' };

/**
 * The one e2e Docker host, registered once per run: Playwright starts a new worker after a
 * failure, and a second agent on the same host would hand out the same ports again.
 */
export async function registeredAgent(
  admin: APIRequestContext,
): Promise<{ agentId: string; token: string }> {
  const file = path.join(stackEnv.runDir, 'agent.json');
  if (existsSync(file))
    return JSON.parse(readFileSync(file, 'utf8')) as { agentId: string; token: string };
  await createUser(admin, viewerUser.email, viewerUser.password, 'viewer');
  const { agent, registrationToken } = await createAgent(
    admin,
    'e2e-host',
    stackEnv.serverDataPath,
    stackEnv.image,
  );
  const registered = { agentId: agent.id, token: registrationToken };
  writeFileSync(file, JSON.stringify(registered), { mode: 0o600 });
  return registered;
}
