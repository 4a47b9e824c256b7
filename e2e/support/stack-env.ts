import { mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the e2e stack lives. The Playwright config runs in the runner and in every worker; the
 * first evaluation fixes the run directory in the environment so all of them agree.
 */
process.env.ZEDOPS_E2E_DIR ??= path.join('/tmp', `zedops-e2e-${Date.now()}`);
const runDir = process.env.ZEDOPS_E2E_DIR;

export const stackEnv = {
  runDir,
  managerPort: Number(process.env.ZEDOPS_E2E_PORT ?? 18787),
  managerDataDir: path.join(runDir, 'manager'),
  serverDataPath: path.join(runDir, 'servers'),
  agentStateDir: path.join(runDir, 'agent'),
  artifactsDir: path.resolve('e2e/artifacts'),
  admin: { email: 'admin@e2e.zedops.local', password: 'e2e-admin-password' },
  image: `${process.env.ZEDOPS_REGISTRY_ADDR ?? '127.0.0.1:5000'}/zedops/pz-test`,
  /**
   * Every server an e2e spec creates is named with this prefix, so teardown can find its
   * containers. Runs sharing one Docker engine give each their own (ZEDOPS_E2E_SERVER_PREFIX), so
   * one run's setup never removes another's containers.
   */
  serverPrefix: process.env.ZEDOPS_E2E_SERVER_PREFIX ?? 'e2e-',
};

export const managerUrl = `http://127.0.0.1:${stackEnv.managerPort}`;

export function ensureRunDirs(): void {
  for (const dir of [
    stackEnv.managerDataDir,
    stackEnv.serverDataPath,
    stackEnv.agentStateDir,
    stackEnv.artifactsDir,
  ]) {
    mkdirSync(dir, { recursive: true });
  }
}
