import pino from 'pino';

/** Structured logs: pretty in a terminal, JSON lines otherwise (LOG_LEVEL overrides the level). */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): pino.Logger {
  if (process.stdout.isTTY) {
    return pino({
      level,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss' },
      },
    });
  }
  return pino({ level });
}
