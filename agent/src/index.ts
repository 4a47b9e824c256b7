#!/usr/bin/env node
// CLI wiring only: `tsx agent/src/index.ts --manager ws://… --token … [--data-path …] [--allowed-root …]… [--state-dir …]`.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import pretty from 'pino-pretty';
import { AgentConfigError } from './data/allowed-roots';
import { startAgent } from './start-agent';

const usage = `usage: zedops-agent --manager ws://host:port --token TOKEN [--data-path /srv/zomboid] [--allowed-root /mnt/games]... [--state-dir DIR] [--docker-socket PATH|URL] [--snapshot-root DIR]
  --data-path      absolute default folder for servers; always an allowed root
  --allowed-root   another absolute folder server folders may live under (repeatable)
  --snapshot-root  where snapshots are kept (default {data path}/.zedops-snapshots); never inside a server folder
env: ZEDOPS_MANAGER_URL, ZEDOPS_AGENT_TOKEN, ZEDOPS_SERVER_DATA_PATH, ZEDOPS_ALLOWED_DATA_ROOTS (colon-separated),
     ZEDOPS_AGENT_STATE_DIR, DOCKER_HOST, ZEDOPS_SNAPSHOT_ROOT, LOG_LEVEL`;

const { values } = parseArgs({
  options: {
    manager: { type: 'string' },
    token: { type: 'string' },
    'data-path': { type: 'string' },
    'allowed-root': { type: 'string', multiple: true },
    'state-dir': { type: 'string' },
    'docker-socket': { type: 'string' },
    'snapshot-root': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const env = process.env;
const managerUrl = values.manager ?? env.ZEDOPS_MANAGER_URL;
const token = values.token ?? env.ZEDOPS_AGENT_TOKEN ?? '';
if (!managerUrl) {
  console.error(`missing --manager (or ZEDOPS_MANAGER_URL)\n${usage}`);
  process.exit(2);
}

// Pretty as an in-thread stream, not a transport: a transport loads pino-pretty by name in a
// worker, which the one-file agent (dist/zedops-agent.mjs, no node_modules) cannot.
const logger = pino(
  { name: 'zedops-agent', level: env.LOG_LEVEL ?? 'info' },
  process.stdout.isTTY ? pretty() : undefined,
);

try {
  const agent = await startAgent({
    managerUrl,
    token,
    stateDir:
      values['state-dir'] ?? env.ZEDOPS_AGENT_STATE_DIR ?? path.join(os.homedir(), '.zedops-agent'),
    dockerSocket: values['docker-socket'],
    defaultDataPath: values['data-path'] ?? env.ZEDOPS_SERVER_DATA_PATH,
    allowedRoots:
      values['allowed-root'] ?? (env.ZEDOPS_ALLOWED_DATA_ROOTS ?? '').split(':').filter(Boolean),
    snapshotRoot: values['snapshot-root'] ?? env.ZEDOPS_SNAPSHOT_ROOT,
    logger,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      void agent.stop().then(() => process.exit(0));
    });
  }
} catch (err) {
  if (err instanceof AgentConfigError) {
    console.error(`zedops-agent: ${err.message}\n${usage}`);
    process.exit(2);
  }
  logger.fatal({ err }, 'agent failed to start');
  process.exit(1);
}
