import os from 'node:os';
import pino from 'pino';
import { defaultSnapshotRoot, SnapshotStore } from './data/snapshot-store';
import { agentProtocolVersion, agentSocketPath } from '@contract/agent-protocol';
import { resolveAllowedRoots } from './data/allowed-roots';
import { assertDataRootsMountedAtSamePath } from './host/own-mounts';
import { DockerHealthMonitor } from './monitor/docker-health-monitor';
import { ManagerConnection } from './protocol/connection';
import { Dispatcher } from './protocol/dispatch';
import { createDockerClient } from './runtime/docker/docker-client';
import { DockerRuntime } from './runtime/docker/docker-runtime';
import { CredentialStore } from './state/credential-store';
import { agentVersion } from './version';

export interface AgentOptions {
  /** ws://host:port (http(s):// accepted) — the agent appends agentSocketPath. */
  managerUrl: string;
  /** Registration token from `POST /api/agents`; optional once a credential is stored. */
  token: string;
  /** Credential file lives here, mode 0600. */
  stateDir: string;
  /** Socket path, unix://… or tcp://…; default: DOCKER_HOST or /var/run/docker.sock. */
  dockerSocket?: string;
  /** Absolute; servers without their own data path live below it. Always an allowed root. */
  defaultDataPath?: string;
  /** More roots the host owner allows server folders under (`--allowed-root`). */
  allowedRoots?: string[];
  /** Where snapshots live; default `{defaultDataPath}/.zedops-snapshots`. Never inside a server folder. */
  snapshotRoot?: string;
  logger?: pino.Logger;
  /** Overrides the interval the manager's welcome asks for. */
  heartbeatIntervalMs?: number;
}

export interface RunningAgent {
  /** Closes the manager connection and the Docker event stream; waits for running commands. */
  stop(): Promise<void>;
}

/** Wires runtime, health monitor, event stream, dispatcher and connection; returns at once (connects in the background). */
export async function startAgent(options: AgentOptions): Promise<RunningAgent> {
  const logger = options.logger ?? pino({ name: 'zedops-agent' });
  // A bad path in our own config stops the agent here, before it connects or mounts anything.
  const allowedRoots = resolveAllowedRoots(options.defaultDataPath, options.allowedRoots ?? []);
  const url = agentSocketUrl(options.managerUrl);
  const docker = createDockerClient(options.dockerSocket);
  // In a container, a root mounted from another host path would split what the agent checks
  // from what the game writes: refuse before connecting (docs/design.md §7).
  await assertDataRootsMountedAtSamePath(docker, allowedRoots, logger);
  const runtime = new DockerRuntime(docker, logger.child({ component: 'docker' }));
  const credentials = new CredentialStore(options.stateDir, url);
  if (!options.token && !(await credentials.load())) {
    throw new Error('no registration token given and no stored credential for this manager');
  }

  // The monitor and the dispatcher report through `connection`, created below; they only call it later.
  const health = new DockerHealthMonitor(
    runtime,
    logger.child({ component: 'docker' }),
    (docker) => {
      connection.send({ type: 'docker.status', docker });
    },
  );
  const snapshotRoot = options.snapshotRoot ?? defaultSnapshotRoot(options.defaultDataPath);
  const dispatcher = new Dispatcher({
    runtime,
    allowedRoots,
    logger: logger.child({ component: 'dispatch' }),
    snapshots: snapshotRoot ? new SnapshotStore(snapshotRoot) : null,
    send: (frame) => void connection.send(frame),
    sendReply: (frame) => connection.sendReply(frame),
  });
  const connection: ManagerConnection = new ManagerConnection({
    url,
    registrationToken: options.token || undefined,
    credentials,
    logger: logger.child({ component: 'connection' }),
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    helloInfo: async () => ({
      protocolVersion: agentProtocolVersion,
      agentVersion,
      hostname: os.hostname(),
      defaultDataPath: options.defaultDataPath ?? null,
      allowedRoots,
      docker: await health.check(),
    }),
    heartbeat: () => ({ type: 'heartbeat', at: new Date().toISOString(), docker: health.health }),
    onRequest: (raw) => dispatcher.handle(raw),
  });

  await health.start();
  const events = runtime.watchEvents({
    onEvent: (event) => {
      logger.debug({ event }, 'container event');
      connection.send({ type: 'container.event', ...event });
    },
    onStreamDown: (reason) => {
      logger.warn({ reason }, 'docker event stream down; re-subscribing');
      health.checkSoon();
    },
    onStreamUp: () => {
      logger.info('docker event stream subscribed');
      void health.check();
    },
  });
  connection.start();
  logger.info(
    { managerUrl: url, agentVersion, stateDir: options.stateDir, allowedRoots, snapshotRoot },
    'agent started',
  );

  return {
    async stop() {
      events.stop();
      health.stop();
      // Let commands in progress answer (bounded), so a restart does not orphan an operation.
      await Promise.race([
        dispatcher.idle(),
        new Promise((resolve) => setTimeout(resolve, 10_000).unref()),
      ]);
      await connection.stop();
      logger.info('agent stopped');
    },
  };
}

/** ws(s)://host:port[/prefix] + agentSocketPath, unless the path is already there. */
export function agentSocketUrl(managerUrl: string): string {
  const url = new URL(managerUrl.replace(/^http(s?):/, 'ws$1:'));
  if (!url.pathname.endsWith(agentSocketPath))
    url.pathname = `${url.pathname.replace(/\/$/, '')}${agentSocketPath}`;
  return url.toString();
}
