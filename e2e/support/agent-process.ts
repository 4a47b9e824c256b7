import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';

/** The real agent CLI as a child process, so a spec can take the Docker host offline and back. */
export class AgentProcess {
  private child: ChildProcess | null = null;

  constructor(
    private readonly options: {
      managerWsUrl: string;
      token: string;
      dataPath: string;
      stateDir: string;
      logFile: string;
    },
  ) {}

  start(): void {
    if (this.child) return;
    const log = createWriteStream(this.options.logFile, { flags: 'a' });
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.resolve('agent/src/index.ts'),
        '--manager',
        this.options.managerWsUrl,
        `--token=${this.options.token}`,
        '--data-path',
        this.options.dataPath,
        '--state-dir',
        this.options.stateDir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'info' } },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
  }

  /** kill -9: the agent gets no chance to finish or say goodbye. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null) return;
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
