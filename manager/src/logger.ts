import pino from 'pino';
import pretty from 'pino-pretty';

/**
 * Structured logs: pretty in a terminal, JSON lines otherwise (LOG_LEVEL overrides the level).
 * pino-pretty runs as a stream in this thread, not as a pino transport: a transport loads its
 * module by name in a worker, which a one-file bundle (dist/zedops-manager.mjs) cannot do.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): pino.Logger {
  if (process.stdout.isTTY) {
    return pino({ level }, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss' }));
  }
  return pino({ level });
}

/**
 * Last resort, not the fix: every background task catches its own errors (storage outages
 * included), so a rejection nobody handled is a bug. Log it loudly instead of letting Node end the
 * process and every agent connection with it.
 */
export function logUnhandledRejections(logger: pino.Logger): void {
  process.on('unhandledRejection', (reason) =>
    logger.error({ err: reason }, 'unhandled promise rejection (a bug: please report it)'),
  );
}
