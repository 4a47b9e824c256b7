import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';

/**
 * The arguments of a command the dashboard shows (`node zedops-agent.mjs --manager … --token …`),
 * as the agent CLI receives them. Refuses anything else, so a changed command fails the spec.
 */
export function agentArgsFromCommand(command: string): string[] {
  const prefix = 'node zedops-agent.mjs ';
  if (!command.startsWith(prefix)) throw new Error(`not an agent command: ${command}`);
  return command.slice(prefix.length).trim().split(/\s+/);
}

/**
 * The one-file agent the build made (dist/zedops-agent.mjs, what a host owner copies) started
 * with exactly the shown command's arguments. Only the state directory is added, so the spec
 * does not write to the home directory.
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
    const child = spawn(process.execPath, [path.resolve('dist/zedops-agent.mjs'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'info' },
    });
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
