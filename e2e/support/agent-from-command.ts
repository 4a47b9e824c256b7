import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';

/**
 * The arguments of a command the dashboard shows (`npm run agent -- --manager … --token …`),
 * as the agent CLI receives them. Refuses anything else, so a changed command fails the spec.
 */
export function agentArgsFromCommand(command: string): string[] {
  const prefix = 'npm run agent -- ';
  if (!command.startsWith(prefix)) throw new Error(`not an agent command: ${command}`);
  return command.slice(prefix.length).trim().split(/\s+/);
}

/**
 * The agent CLI started with exactly the shown command's arguments, as a host owner would run
 * it from a checkout (`npm run agent` is `node --import tsx agent/src/index.ts`). Only the state
 * directory is added, so the spec does not write to the home directory.
 */
export class CommandAgent {
  private child: ChildProcess | null = null;

  constructor(
    private readonly stateDir: string,
    private readonly logFile: string,
  ) {}

  start(command: string): void {
    if (this.child) throw new Error('agent already running');
    const args = [...agentArgsFromCommand(command), '--state-dir', this.stateDir];
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('agent/src/index.ts'), ...args],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'info' } },
    );
    const log = createWriteStream(this.logFile, { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
