/**
 * One-process ZedOps (docs/design.md §7): the manager plus, unless ZEDOPS_LOCAL_AGENT=false, a local
 * agent that registers itself with the manager and drives this machine's Docker engine.
 * This launcher is the only code that wires manager/ and agent/ together (docs/decisions/0001).
 */
import path from 'node:path';
import { AgentConfigError } from '../agent/src/data/allowed-roots';
import { startAgent } from '../agent/src/start-agent';
import { StartupConfigError } from '../manager/src/bootstrap-admin';
import { createLogger, logUnhandledRejections } from '../manager/src/logger';
import { startManager } from '../manager/src/start-manager';

const env = process.env;
const dataDir = path.resolve(env.ZEDOPS_DATA_DIR ?? './.zedops');
const localAgentEnabled = !['0', 'false', 'off', 'no'].includes(
  (env.ZEDOPS_LOCAL_AGENT ?? 'true').toLowerCase(),
);

async function main(): Promise<void> {
  logUnhandledRejections(createLogger());
  const manager = await startManager({
    port: Number(env.PORT ?? 8787),
    host: env.HOST,
    dataDir,
    adminEmail: env.ZEDOPS_ADMIN_EMAIL,
    adminPassword: env.ZEDOPS_ADMIN_PASSWORD,
    staticDir: path.resolve(env.ZEDOPS_STATIC_DIR ?? 'dist/frontend'),
    trustProxy: env.ZEDOPS_TRUST_PROXY === 'true',
  });
  const stops: Array<() => Promise<void>> = [() => manager.close()];

  if (localAgentEnabled) {
    const serverDataPath = path.resolve(
      env.ZEDOPS_SERVER_DATA_PATH ?? path.join(dataDir, 'servers'),
    );
    const { token } = await manager.provisionAgent({
      name: 'local',
      serverDataPath,
      defaultImage: env.ZEDOPS_DEFAULT_IMAGE,
    });
    const agent = await startAgent({
      managerUrl: manager.url.replace(/^http/, 'ws'),
      token,
      stateDir: path.join(dataDir, 'local-agent'),
      dockerSocket: env.DOCKER_SOCKET,
      defaultDataPath: serverDataPath,
      // More folders the host owner lets servers live under (absolute; the agent refuses others).
      allowedRoots: (env.ZEDOPS_ALLOWED_DATA_ROOTS ?? '').split(':').filter(Boolean),
    });
    stops.unshift(() => agent.stop());
  }

  const login = env.ZEDOPS_ADMIN_PASSWORD
    ? `sign in as ${env.ZEDOPS_ADMIN_EMAIL ?? 'admin@zedops.local'} with ZEDOPS_ADMIN_PASSWORD`
    : 'admin login: printed above on first start';
  console.log(
    `\nZedOps is running at http://localhost:${manager.port}  (${login}; local agent: ${localAgentEnabled ? 'on' : 'off'})\n`,
  );

  let stopping = false;
  const shutdown = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    for (const stop of stops) await stop().catch((err: unknown) => console.error(err));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  if (err instanceof StartupConfigError || err instanceof AgentConfigError)
    console.error(`ZedOps cannot start: ${err.message}`);
  else console.error('ZedOps failed to start:', err);
  process.exit(1);
});
