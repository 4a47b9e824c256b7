import { mkdtempSync, rmSync } from 'node:fs';
import pino from 'pino';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ContainerSpec } from '@contract/agent-protocol';
import { type RunningAgent, startAgent } from '../start-agent';
import {
  cleanupContainers,
  dockerUp,
  freePorts,
  tempDataPath,
  testDataRoot,
  testImage,
  uniqueServer,
} from './docker-cli';
import { FakeManager, type FakeManagerOptions } from './fake-manager';

/**
 * A real agent (real Docker) connected to a fake manager, plus bookkeeping so every container a
 * test creates is removed afterwards. Logs go to stderr at LOG_LEVEL (default: silent).
 */
export class AgentHarness {
  readonly serverIds: string[] = [];
  readonly foreignNames: string[] = [];
  private readonly dataPaths: string[] = [];

  private constructor(
    readonly manager: FakeManager,
    public agent: RunningAgent,
    readonly stateDir: string,
  ) {}

  static async start(
    options: FakeManagerOptions & {
      token?: string;
      allowedRoots?: string[];
      snapshotRoot?: string;
    } = {},
  ): Promise<AgentHarness> {
    dockerUp('--no-image');
    const manager = await FakeManager.start(options);
    const stateDir = mkdtempSync('/tmp/zedops-agent-state-');
    const agent = await startAgent({
      managerUrl: manager.url,
      token: options.token ?? 'test-token',
      stateDir,
      allowedRoots: options.allowedRoots ?? [testDataRoot],
      logger: testLogger(),
      heartbeatIntervalMs: 500,
      snapshotRoot: options.snapshotRoot,
    });
    await manager.waitForAgent();
    return new AgentHarness(manager, agent, stateDir);
  }

  /** A spec for a new, unique server on free ports with its own temp data path. */
  async newSpec(overrides: Partial<ContainerSpec> = {}): Promise<ContainerSpec> {
    const spec: ContainerSpec = {
      ...uniqueServer(),
      image: testImage,
      imageTag: 'latest',
      env: { SERVER_NAME: 'test', ADMIN_PASSWORD: 'secret' },
      ...(await freePorts()),
      ...overrides,
      dataPath: overrides.dataPath ?? tempDataPath(),
    };
    this.serverIds.push(spec.serverId);
    this.dataPaths.push(spec.dataPath);
    return spec;
  }

  /** Removes every container this harness's tests created. */
  cleanup(): void {
    cleanupContainers(this.serverIds, this.foreignNames);
  }

  /** Cleans up, stops both sides, and fails if the agent ever sent a frame the contract refuses. */
  async stop(): Promise<void> {
    this.cleanup();
    await this.agent.stop();
    await this.manager.close();
    for (const dir of [...this.dataPaths, this.stateDir])
      rmSync(dir, { recursive: true, force: true });
    if (this.manager.invalidFrames.length > 0) {
      throw new Error(
        `agent sent frames the contract refuses: ${JSON.stringify(this.manager.invalidFrames.slice(0, 3))}`,
      );
    }
  }
}

export function testLogger(): pino.Logger {
  return pino(
    { name: 'agent-test', level: process.env.LOG_LEVEL ?? 'silent' },
    pino.destination(2),
  );
}

/**
 * One agent on the real engine for the calling file: started before its tests, its containers
 * removed after each test, stopped after all. `ready` receives it.
 */
export function withAgentHarness(
  ready: (harness: AgentHarness) => void,
  options: Parameters<typeof AgentHarness.start>[0] = {},
): void {
  let harness: AgentHarness | undefined;
  beforeAll(async () => {
    harness = await AgentHarness.start(options);
    ready(harness);
  });
  afterEach(() => harness?.cleanup());
  afterAll(async () => {
    await harness?.stop();
  });
}
