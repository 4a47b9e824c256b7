import { describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { AuditResponse } from '@contract/http/audit';
import { apiPaths } from '@contract/http/paths';
import { ListServersResponse, ServerActionResponse, type Server } from '@contract/http/servers';
import type { ScriptedAgent } from '../testing/scripted-agent';
import {
  createRunningServer,
  dataPath,
  getServer,
  waitFor,
  waitForOperation,
  withManagerAndAgent,
  type TestManager,
} from '../testing/harness';

/** Drift is reported on the server, and a recreate of a drifted container replaces it (§3.5). */
describe('drift', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  withManagerAndAgent('each', (env) => {
    ({ t, agent, agentId } = env);
  });

  const sync = async () =>
    (await t.admin.expect(200, ListServersResponse, 'POST', apiPaths.sync(agentId))).servers;
  /** Publish the game port elsewhere, as `docker run -p 17000:16261/udp` by hand would. */
  const movePort = (server: Server) => {
    const [c] = agent.host.containersOf(server.id);
    agent.host.alterContainer(c!.id, {
      ports: [
        { containerPort: server.gamePort, protocol: 'udp', hostIp: '', hostPort: 17000 },
        { containerPort: server.udpPort, protocol: 'udp', hostIp: '', hostPort: server.udpPort },
      ],
      env: { ...c!.env, SERVER_DEFAULT_PORT: '17000' },
    });
  };

  it('a server whose container matches shows no drift, and recreate stays 409 INVALID_STATE', async () => {
    const server = await createRunningServer(t, agentId);
    expect(server.drift).toEqual([]);
    expect((await sync()).find((s) => s.id === server.id)?.drift).toEqual([]);
    const res = await t.admin.call(
      'POST',
      apiPaths.serverAction(agentId, server.id, 'recreate'),
      {},
    );
    expect(res.status).toBe(409);
    expect(ApiErrorBody.parse(res.body).error.code).toBe('INVALID_STATE');
  });

  it('reconcile reports how the container differs; recreate replaces it with the pinned image and clears it', async () => {
    const server = await createRunningServer(t, agentId);
    const pinned = server.imageId!;
    movePort(server);
    // The tag moved since: a recreate must still bring back the image that ran.
    agent.host.images.set('test/zomboid:latest', 'sha256:moved');
    const seen = (await sync()).find((s) => s.id === server.id)!;
    expect(seen.status).toBe('running');
    expect(seen.drift).toEqual([
      {
        field: 'ports',
        expected: `${server.gamePort}:${server.gamePort}/udp, ${server.udpPort}:${server.udpPort}/udp`,
        actual: `17000:${server.gamePort}/udp, ${server.udpPort}:${server.udpPort}/udp`,
      },
      { field: 'env.SERVER_DEFAULT_PORT', expected: String(server.gamePort), actual: '17000' },
    ]);
    const before = agent.host.containersOf(server.id)[0]!.id;
    const dataBefore = [...agent.host.dataDirs];

    const reply = await t.admin.expect(
      202,
      ServerActionResponse,
      'POST',
      apiPaths.serverAction(agentId, server.id, 'recreate'),
      {},
    );
    const op = await waitForOperation(t, reply.operation.id);
    expect(op.error).toBeUndefined();
    const replace = agent.commands('container.replace').at(-1)!;
    expect(replace.spec.pin).toEqual({ imageId: pinned, imageDigest: null });
    expect(replace.requireData).toBe(true);
    const after = agent.host.containersOf(server.id);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).not.toBe(before);
    const now = await getServer(t, server.id);
    expect(now).toMatchObject({ status: 'running', drift: [], imageId: pinned });
    expect((await sync()).find((s) => s.id === server.id)?.drift).toEqual([]);
    expect([...agent.host.dataDirs]).toEqual(dataBefore);
    const audit = AuditResponse.parse(
      (await t.admin.call('GET', apiPaths.audit(server.id))).body,
    ).entries;
    expect(
      audit.find((e) => e.action === 'server.recreated' && e.outcome === 'succeeded'),
    ).toMatchObject({ details: { replacedDrift: ['ports', 'env.SERVER_DEFAULT_PORT'] } });
  });

  it('a drifted container whose data is gone is refused DATA_MISSING and left as it is', async () => {
    const server = await createRunningServer(t, agentId);
    movePort(server);
    agent.host.dataDirs.delete(`${dataPath}/${server.name}`);
    await sync();
    const before = agent.host.containersOf(server.id)[0]!;
    const res = await t.admin.call(
      'POST',
      apiPaths.serverAction(agentId, server.id, 'recreate'),
      {},
    );
    expect(res.status).toBe(409);
    expect(ApiErrorBody.parse(res.body).error.code).toBe('DATA_MISSING');
    expect(agent.host.containersOf(server.id)).toEqual([before]);
    expect(agent.commands('container.replace')).toHaveLength(0);
  });

  it('a drift put right by hand is noticed: the recreate is refused and the drift is cleared', async () => {
    const server = await createRunningServer(t, agentId);
    const [c] = agent.host.containersOf(server.id);
    const original = { ports: c!.ports, env: c!.env };
    movePort(server);
    expect((await sync()).find((s) => s.id === server.id)?.drift).toHaveLength(2);
    agent.host.alterContainer(c!.id, original);
    const res = await t.admin.call(
      'POST',
      apiPaths.serverAction(agentId, server.id, 'recreate'),
      {},
    );
    expect(res.status).toBe(409);
    expect(ApiErrorBody.parse(res.body).error.code).toBe('INVALID_STATE');
    await waitFor(async () => (await getServer(t, server.id)).drift.length === 0);
  });

  it('a removed container takes its drift with it', async () => {
    const server = await createRunningServer(t, agentId);
    movePort(server);
    await sync();
    agent.destroyContainers(server.id);
    const gone = await waitFor(async () => {
      const s = await getServer(t, server.id);
      return s.status === 'missing' ? s : undefined;
    });
    expect(gone.drift).toEqual([]);
  });
});
