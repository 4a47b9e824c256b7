import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { expect } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { ListServersResponse, ServerActionResponse, type Server } from '@contract/http/servers';
import { startAgent, type RunningAgent } from '../../agent/src/start-agent';
import {
  cleanupContainers,
  dockerUp,
  freePorts,
  snapshotDir,
  tempDataPath,
  testDataRoot,
  testImage,
} from '../../agent/src/testing/docker-cli';
import {
  startManager,
  type ManagerOptions,
  type RunningManager,
} from '../../manager/src/start-manager';
import {
  adminEmail,
  adminPassword,
  ApiClient,
  getServer,
  waitFor,
  waitForOperation,
  type TestManager,
} from '../../manager/src/testing/harness';

/**
 * The real manager and the real agent on the real Docker engine, joined as the one-process
 * launcher joins them, with an admin logged in and the agent online. Used by the
 * `scripts/*-on-docker` tests; what only one file needs (a private registry, say) stays there.
 */
export interface DockerStackOptions {
  /** The agent's name in the manager; also names the temp folders, to tell leftovers apart. */
  hostName: string;
  /** The agent's logger: silent unless a test reads the agent's own lines. */
  agentLogger?: Logger;
  /** The periodic data check, as the manager takes it (default: the manager's own). */
  dataWatch?: ManagerOptions['dataWatch'];
}

/** What `createServer` posts besides the name, the free ports and what the file adds. */
type CreateFields = Record<string, unknown> & { name: string };

export interface DockerStack {
  manager: RunningManager;
  agent: RunningAgent;
  admin: ApiClient;
  agentId: string;
  /** The agent's default data path: every server's folder is `{dataPath}/{name}`. */
  dataPath: string;
  /** Every server a test created, so `stop` removes their containers. */
  serverIds: string[];
  /** The harness helpers need only the admin client. */
  t: () => TestManager;
  serverDir: (s: Pick<Server, 'name'>) => string;
  worldOf: (s: Pick<Server, 'name'>) => string;
  /** Every file of the server's folder (bin/ and data/) but the fake game's boot log (one line per boot). */
  folderFiles: (s: Pick<Server, 'name'>) => [string, string][];
  /** Creates a server on free ports and waits until it runs and its world is written. */
  createServer: (fields: CreateFields) => Promise<Server>;
  sync: () => Promise<Server[]>;
  stop: () => Promise<void>;
}

export async function startDockerStack(options: DockerStackOptions): Promise<DockerStack> {
  dockerUp('--no-image');
  const managerDir = mkdtempSync(path.join(tmpdir(), `zedops-${options.hostName}-manager-`));
  const stateDir = mkdtempSync(path.join(tmpdir(), `zedops-${options.hostName}-agent-`));
  const dataPath = tempDataPath();
  const serverIds: string[] = [];
  let manager: RunningManager | undefined;
  let agent: RunningAgent | undefined;
  const stop = async () => {
    cleanupContainers(serverIds);
    await agent?.stop();
    await manager?.close();
    for (const dir of [managerDir, stateDir, dataPath])
      rmSync(dir, { recursive: true, force: true });
  };
  try {
    const quiet = pino({ level: 'silent' });
    manager = await startManager({
      dataDir: managerDir,
      port: 0,
      host: '127.0.0.1',
      adminEmail,
      adminPassword,
      logger: quiet,
      ...(options.dataWatch !== undefined ? { dataWatch: options.dataWatch } : {}),
    });
    const provisioned = await manager.provisionAgent({
      name: options.hostName,
      serverDataPath: dataPath,
      defaultImage: testImage,
    });
    const agentId = provisioned.agentId;
    agent = await startAgent({
      managerUrl: manager.url,
      token: provisioned.token,
      stateDir,
      defaultDataPath: dataPath,
      allowedRoots: [testDataRoot],
      logger: options.agentLogger ?? quiet,
    });
    const admin = new ApiClient(manager.url);
    await admin.login(adminEmail, adminPassword);
    await waitFor(async () => {
      const res = await admin.call('GET', apiPaths.agent(agentId));
      return (res.body as { agent: { status: string } }).agent.status === 'online';
    }, 20_000);

    const t = () => ({ admin }) as TestManager;
    const serverDir = (s: Pick<Server, 'name'>) => path.join(dataPath, s.name);
    const worldFile = (s: Pick<Server, 'name'>) =>
      path.join(serverDir(s), 'data/Saves/Multiplayer/world.txt');
    const worldOf = (s: Pick<Server, 'name'>) => readFileSync(worldFile(s), 'utf8');
    const folderFiles = (s: Pick<Server, 'name'>) => {
      const files = snapshotDir(serverDir(s));
      files.delete('data/boot.log');
      return [...files];
    };
    const createServer = async (fields: CreateFields) => {
      const reply = await admin.expect(
        202,
        ServerActionResponse,
        'POST',
        apiPaths.agentServers(agentId),
        { ...fields, ...(await freePorts()) },
      );
      serverIds.push(reply.server.id);
      const op = await waitForOperation(t(), reply.operation.id, 60_000);
      expect(op.error).toBeUndefined();
      // The world exists once the fake game has booted.
      await waitFor(
        () => existsSync(worldFile(reply.server)) && worldOf(reply.server).length > 0,
        20_000,
      );
      return getServer(t(), reply.server.id);
    };
    const sync = async () =>
      (await admin.expect(200, ListServersResponse, 'POST', apiPaths.sync(agentId))).servers;
    return {
      manager,
      agent,
      admin,
      agentId,
      dataPath,
      serverIds,
      t,
      serverDir,
      worldOf,
      folderFiles,
      createServer,
      sync,
      stop,
    };
  } catch (error) {
    // A stack that failed half-way must not leave its agent or folders behind.
    await stop();
    throw error;
  }
}
