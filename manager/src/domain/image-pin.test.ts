import { describe, expect, it } from 'vitest';
import { apiPaths } from '@contract/http/paths';
import { ServerActionResponse } from '@contract/http/servers';
import type { ScriptedAgent } from '../testing/scripted-agent';
import {
  createRunningServer,
  getServer,
  makeMissing,
  waitForOperation,
  withManagerAndAgent,
  type TestManager,
} from '../testing/harness';

/** Recreate brings back exactly the image that ran; rebuild updates it (docs/design.md §8). */
describe('image pinning', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  withManagerAndAgent('each', (env) => {
    ({ t, agent, agentId } = env);
  });

  const act = async (serverId: string, action: string) => {
    const reply = await t.admin.expect(
      202,
      ServerActionResponse,
      'POST',
      apiPaths.serverAction(agentId, serverId, action),
      {},
    );
    return waitForOperation(t, reply.operation.id);
  };
  const lastCreateSpec = () => {
    const creates = [...agent.commands('container.create'), ...agent.commands('container.replace')];
    return creates[creates.length - 1]!.spec;
  };

  it('records the image a create ran, and a recreate after the tag moved brings back the old one', async () => {
    const server = await createRunningServer(t, agentId);
    const first = (await getServer(t, server.id)).imageId;
    expect(first).toMatch(/^sha256:/);
    agent.host.images.set('test/zomboid:latest', 'sha256:moved');
    await makeMissing(t, agent, server.id);
    const op1 = await act(server.id, 'recreate');
    expect(op1.error).toBeUndefined();
    expect(op1.state).toBe('succeeded');
    expect(lastCreateSpec().pin).toEqual({ imageId: first, imageDigest: null });
    expect((await getServer(t, server.id)).imageId).toBe(first);
  });

  it('rebuild pulls the tag and re-pins; a changed tag drops the pin', async () => {
    const server = await createRunningServer(t, agentId);
    agent.host.images.set('test/zomboid:latest', 'sha256:moved');
    expect((await act(server.id, 'rebuild')).state).toBe('succeeded');
    expect(lastCreateSpec().pin).toBeUndefined();
    expect((await getServer(t, server.id)).imageId).toBe('sha256:moved');
    await t.admin.call('PATCH', apiPaths.agentServer(agentId, server.id), { imageTag: 'v2' });
    expect((await getServer(t, server.id)).imageId).toBeNull();
  });

  it('an image the host no longer has fails IMAGE_UNAVAILABLE and leaves the server missing', async () => {
    const server = await createRunningServer(t, agentId);
    await makeMissing(t, agent, server.id);
    agent.host.localImages.clear();
    const op = await act(server.id, 'recreate');
    expect(op.error?.code).toBe('IMAGE_UNAVAILABLE');
    expect((await getServer(t, server.id)).status).toBe('missing');
  });
});
