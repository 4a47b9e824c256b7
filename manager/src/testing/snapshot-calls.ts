import { expect } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse, type Server } from '@contract/http/servers';
import { ListSnapshotsResponse } from '@contract/http/snapshots';
import {
  createRunningServer,
  dataPath,
  waitForOperation,
  withManagerAndAgent,
  type TestManager,
} from './harness';
import type { ScriptedAgent } from './scripted-agent';

/** The test's current manager, agent and server (read at each call: hooks replace them). */
export type SnapshotScene = () => {
  t: TestManager;
  agent: ScriptedAgent;
  agentId: string;
  server: Server;
};

/**
 * A fresh manager, connected scripted agent and running server for each test of the calling
 * `describe`, handed to `take` (the test's own variables), and the snapshot calls against them.
 */
export function withSnapshotScene(take: (scene: ReturnType<SnapshotScene>) => void) {
  let current: ReturnType<SnapshotScene> | undefined;
  withManagerAndAgent('each', async (env) => {
    current = { ...env, server: await createRunningServer(env.t, env.agentId) };
    take(current);
  });
  return snapshotCalls(() => current!);
}

/** The calls the snapshot and rollback tests make against one running server. */
export function snapshotCalls(scene: SnapshotScene) {
  const dir = () => `${dataPath}/${scene().server.name}`;
  const list = async () => {
    const { t, server } = scene();
    return (
      await t.admin.expect(200, ListSnapshotsResponse, 'GET', apiPaths.serverSnapshots(server.id))
    ).snapshots;
  };
  const accepted = async (method: string, path: string, body?: unknown) => {
    const res = await scene().t.admin.call(method, path, body);
    if (res.status !== 202) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return ServerActionResponse.parse(res.body);
  };
  const refused = async (method: string, path: string, body?: unknown) => {
    const res = await scene().t.admin.call(method, path, body);
    return { status: res.status, error: ApiErrorBody.parse(res.body).error };
  };
  const snapshotNow = async () => {
    const { t, agentId, server } = scene();
    const reply = await accepted('POST', apiPaths.takeSnapshot(agentId, server.id), {});
    expect((await waitForOperation(t, reply.operation.id)).state).toBe('succeeded');
    return reply.operation.snapshotId!;
  };
  const action = (name: string, body: unknown = {}) => {
    const { agentId, server } = scene();
    return accepted('POST', apiPaths.serverAction(agentId, server.id, name), body);
  };
  /** The world loses its saves on the host (what the fingerprint guard exists to catch). */
  const shrink = () =>
    scene().agent.host.worlds.set(dir(), {
      fileCount: 3,
      totalBytes: 10,
      hasSaves: false,
      takenAt: '',
    });
  return { dir, list, accepted, refused, snapshotNow, action, shrink };
}
