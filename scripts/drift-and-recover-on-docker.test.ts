import { rmSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftDigest } from '@contract/drift-digest';
import { apiPaths } from '@contract/http/paths';
import { handStartedRunArgs } from '@contract/testing/hand-started-run';
import { RecoverResponse } from '@contract/http/recover';
import { ServerActionResponse, type Server } from '@contract/http/servers';
import {
  containersOf,
  docker,
  freePorts,
  snapshotDir,
  testImage,
} from '../agent/src/testing/docker-cli';
import { getServer, waitFor, waitForOperation } from '../manager/src/testing/harness';
import { listContainers } from '../agent/src/domain/list-containers';
import type { CommandContext } from '../agent/src/domain/command-context';
import { createDockerClient } from '../agent/src/runtime/docker/docker-client';
import { DockerRuntime } from '../agent/src/runtime/docker/docker-runtime';
import { expectedDigest } from '../manager/src/domain/expected-digest';
import type { AgentRecord } from '../manager/src/db/agents-repo';
import type { ServerRecord } from '../manager/src/db/servers-repo';
import { startDockerStack, type DockerStack } from './testing/docker-stack';

/**
 * The real manager and the real agent on the real Docker engine, joined as the one-process
 * launcher joins them: drift seen on a container started by hand, and Recover all.
 */
let stack: DockerStack;
/** The agent's own log lines: which commands it was running, and when (debug level). */
const agentLog: { requestId?: string; command?: string; msg: string }[] = [];

beforeAll(async () => {
  const sink = { write: (line: string) => void agentLog.push(JSON.parse(line)) };
  stack = await startDockerStack({
    hostName: 'stack-host',
    agentLogger: pino({ level: 'debug' }, sink),
  });
});

afterAll(() => stack?.stop());

/** Every file under data/ but the fake game's boot log (one line per boot). */
const dataFiles = (s: Server) => {
  const files = snapshotDir(path.join(stack.serverDir(s), 'data'));
  files.delete('boot.log');
  return [...files];
};

let serial = 0;
const createServer = () => {
  const name = `st${Date.now().toString(36)}${serial++}`;
  return stack.createServer({ name, imageTag: 'latest', config: { SERVER_NAME: name } });
};

/**
 * The server's container removed and started again by hand with `docker run`: its labels, mounts
 * and environment (plus `extraEnv`), but the game port published on another host port, which is
 * returned.
 */
async function startByHand(server: Server, extraEnv: string[] = []): Promise<number> {
  const [original] = containersOf(server.id);
  const env = JSON.parse(docker('inspect', original!))[0].Config.Env as string[];
  docker('rm', '-f', original!);
  const { gamePort: otherPort } = await freePorts();
  docker(
    ...handStartedRunArgs(server, {
      dataPath: stack.dataPath,
      image: `${testImage}:latest`,
      env: [...env.filter((e) => !e.startsWith('PATH=')), ...extraEnv],
      hostGamePort: otherPort,
    }),
  );
  return otherPort;
}

/** The drift a container started by `startByHand` shows: its game port published elsewhere. */
const movedGamePort = (server: Server, otherPort: number) => ({
  field: 'ports',
  expected: `${server.gamePort}:${server.gamePort}/udp, ${server.udpPort}:${server.udpPort}/udp`,
  actual: `${otherPort}:${server.gamePort}/udp, ${server.udpPort}:${server.udpPort}/udp`,
});

describe('drift on real Docker', () => {
  it('a container started by hand on another port shows drift, and recreate clears it', async () => {
    const server = await createServer();
    const world = stack.worldOf(server);
    const files = dataFiles(server);
    const otherPort = await startByHand(server);

    const seen = (await stack.sync()).find((s) => s.id === server.id)!;
    expect(seen.status).toBe('running');
    expect(seen.drift).toEqual([movedGamePort(server, otherPort)]);

    const reply = await stack.admin.expect(
      202,
      ServerActionResponse,
      'POST',
      apiPaths.serverAction(stack.agentId, server.id, 'recreate'),
      {},
    );
    const op = await waitForOperation(stack.t(), reply.operation.id, 60_000);
    expect(op.error).toBeUndefined();
    const after = await getServer(stack.t(), server.id);
    expect(after).toMatchObject({ status: 'running', drift: [], imageId: server.imageId });
    const containers = containersOf(server.id);
    expect(containers).toHaveLength(1);
    const bindings = JSON.parse(docker('inspect', containers[0]!))[0].HostConfig.PortBindings;
    expect(bindings[`${server.gamePort}/udp`][0].HostPort).toBe(String(server.gamePort));
    expect((await stack.sync()).find((s) => s.id === server.id)?.drift).toEqual([]);
    expect(stack.worldOf(server)).toBe(world);
    expect(dataFiles(server)).toEqual(files);
  });
});

describe('list digests on real Docker', () => {
  /** What the real agent's list answers for this server, with digests asked for or not. */
  const agentList = async (serverId: string, digest: boolean) => {
    const runtime = new DockerRuntime(createDockerClient(), pino({ level: 'silent' }));
    const ctx = { runtime } as unknown as CommandContext;
    return listContainers(ctx, { name: 'container.list', serverId, ...(digest ? { digest } : {}) });
  };
  /** The digest the manager expects of this server, with the image defaults the agent reported. */
  const expected = (s: Server, imageEnv: Record<string, Record<string, string>>, imageId: string) =>
    expectedDigest(
      s as unknown as ServerRecord,
      { serverDataPath: stack.dataPath } as AgentRecord,
      imageEnv[imageId],
    );

  it('a container as built matches its digest; one whose env and port were changed by hand is drift, found through its details', async () => {
    const server = await createServer();
    const clean = await agentList(server.id, true);
    const [c] = clean.containers;
    // Taken from the inspected container: the details go, a digest comes, name and image stay.
    expect(c).toMatchObject({ name: `steam-zomboid-${server.name}`, imageId: server.imageId });
    expect([c!.ports, c!.mounts, c!.env]).toEqual([undefined, undefined, undefined]);
    expect(c!.digest).toBe(expected(server, clean.imageEnv, c!.imageId!));
    expect((await stack.sync()).find((s) => s.id === server.id)?.drift).toEqual([]);

    const otherPort = await startByHand(server, ['ZEDOPS_BY_HAND=1']);
    const changed = await agentList(server.id, true);
    const [d] = changed.containers;
    expect(d!.digest).not.toBe(expected(server, changed.imageEnv, d!.imageId!));
    const seen = (await stack.sync()).find((s) => s.id === server.id)!;
    expect(seen.status).toBe('running');
    expect(seen.drift).toEqual([
      movedGamePort(server, otherPort),
      { field: 'env.ZEDOPS_BY_HAND', expected: null, actual: '1' },
    ]);
    // The details the manager compared are what the digest was taken over.
    const details = await agentList(server.id, false);
    const { ports, mounts, env: set } = details.containers[0]!;
    expect(driftDigest({ ports: ports!, mounts: mounts!, env: set! })).toBe(d!.digest);
  });
});

describe('recover all on real Docker', () => {
  it('5 Missing servers, one without data: 4 running, 1 skipped DATA_MISSING, never more than 2 at once', async () => {
    const servers: Server[] = [];
    for (let i = 0; i < 5; i++) servers.push(await createServer());
    const worlds = servers.map(stack.worldOf);
    const files = servers.map(dataFiles);
    for (const s of servers) for (const id of containersOf(s.id)) docker('rm', '-f', id);
    const lost = servers[3]!;
    rmSync(path.join(stack.serverDir(lost), 'data'), { recursive: true, force: true });
    await waitFor(async () => {
      const all = await stack.sync();
      return servers.every((s) => all.find((x) => x.id === s.id)?.status === 'missing');
    }, 20_000);
    const logFrom = agentLog.length;

    const res = await stack.admin.call('POST', apiPaths.recover(stack.agentId), {});
    expect(res.status).toBe(202);
    const reply = RecoverResponse.parse(res.body);
    expect(reply.skipped.map((s) => [s.serverId, s.code])).toEqual([[lost.id, 'DATA_MISSING']]);
    const recovered = servers.filter((s) => s !== lost);
    expect(reply.operations.map((op) => op.serverId).sort()).toEqual(
      recovered.map((s) => s.id).sort(),
    );
    expect(reply.operations.map((op) => op.state)).toEqual([
      'running',
      'running',
      'queued',
      'queued',
    ]);
    for (const op of reply.operations) {
      const end = await waitForOperation(stack.t(), op.id, 120_000);
      expect(end.error).toBeUndefined();
    }

    for (const [i, s] of servers.entries()) {
      if (s === lost) continue;
      expect((await getServer(stack.t(), s.id)).status).toBe('running');
      expect(containersOf(s.id)).toHaveLength(1);
      expect(stack.worldOf(s)).toBe(worlds[i]);
      expect(dataFiles(s)).toEqual(files[i]);
    }
    // Never a fresh world for the one without data: no container, no data folder made.
    expect((await getServer(stack.t(), lost.id)).status).toBe('missing');
    expect(containersOf(lost.id)).toEqual([]);
    expect(() => snapshotDir(path.join(stack.serverDir(lost), 'data'))).toThrow();

    // From the agent's side: the container.create commands it was running at any moment.
    let running = 0;
    let most = 0;
    const creates = agentLog.slice(logFrom).filter((l) => l.command === 'container.create');
    for (const line of creates) {
      if (line.msg === 'command started') most = Math.max(most, ++running);
      else if (line.msg === 'command succeeded' || line.msg === 'command failed') running--;
    }
    expect(creates.filter((l) => l.msg === 'command started')).toHaveLength(4);
    expect(running).toBe(0);
    expect(most).toBeLessThanOrEqual(2);
    expect(most).toBeGreaterThan(0);
  });
});
