import { resolve } from 'node:path';
import { StartupConfigError } from './bootstrap-admin';
import { createLogger, logUnhandledRejections } from './logger';
import { startManager } from './start-manager';

// Wiring only: environment → startManager (docs/design.md §7).
const logger = createLogger();
logUnhandledRejections(logger);
const manager = await startManager({
  port: Number(process.env.PORT ?? 8787),
  host: process.env.HOST ?? '0.0.0.0',
  dataDir: resolve(process.env.ZEDOPS_DATA_DIR ?? './.zedops'),
  adminEmail: process.env.ZEDOPS_ADMIN_EMAIL,
  adminPassword: process.env.ZEDOPS_ADMIN_PASSWORD,
  staticDir: resolve(process.env.ZEDOPS_STATIC_DIR ?? 'dist/frontend'),
  trustProxy: process.env.ZEDOPS_TRUST_PROXY === 'true',
  logger,
}).catch((err: unknown) => {
  if (!(err instanceof StartupConfigError)) throw err;
  console.error(`ZedOps cannot start: ${err.message}`);
  process.exit(1);
});

const shutdown = () => {
  logger.info('shutting down');
  void manager.close().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
