import { removeE2eContainers } from './support/docker-cli';
import { stackEnv } from './support/stack-env';

/** Leaves the host as it was: the e2e servers' containers go (their data lives in the run dir). */
export default function globalTeardown(): void {
  removeE2eContainers(stackEnv.serverPrefix);
}
