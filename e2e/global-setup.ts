import { removeE2eContainers } from './support/docker-cli';
import { ensureRunDirs, stackEnv } from './support/stack-env';

/** Fresh run directories; no containers of an earlier, interrupted e2e run in the way. */
export default function globalSetup(): void {
  ensureRunDirs();
  removeE2eContainers(stackEnv.serverPrefix);
}
