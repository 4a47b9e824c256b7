import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scopedReconcileMax } from './reconcile-servers';
import type { ScriptedAgent } from '../testing/scripted-agent';
import {
  createRunningServer,
  dataPath,
  getServer,
  waitFor,
  withManagerAndAgent,
  type TestManager,
} from '../testing/harness';

/** What a Docker event costs: its server is confirmed alone, not the whole host. */
describe('reconcile after Docker events', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  let agentId: string;
  withManagerAndAgent('each', (env) => {
    ({ t, agent, agentId } = env);
  });

  /** The container lists asked for since `from`: whole host (undefined) or one server's id. */
  const listsSince = (from: number) =>
    agent
      .commands('container.list')
      .slice(from)
      .map((c) => c.serverId);

  it('a destroy shows at once; the pass that confirms it lists only that server', async () => {
    const gone = await createRunningServer(t, agentId, 'gone');
    const other = await createRunningServer(t, agentId, 'other');
    const from = agent.commands('container.list').length;
    agent.hold('container.list'); // the status below comes from the event, not from a list
    agent.destroyContainers(gone.id);
    await waitFor(async () => (await getServer(t, gone.id)).status === 'missing');
    await waitFor(() => listsSince(from).length === 1);
    agent.release();
    expect(listsSince(from)).toEqual([gone.id]);
    const checked = agent
      .commands('data.check')
      .at(-1)!
      .items.map((i) => i.serverId);
    expect(checked).toEqual([gone.id]);
    expect(await getServer(t, other.id)).toMatchObject({ status: 'running' });
    expect(agent.host.dataDirs.has(`${dataPath}/gone`)).toBe(true); // the world is untouched
  });

  it('an event the container contradicts is corrected by that server’s pass', async () => {
    const server = await createRunningServer(t, agentId);
    const [container] = agent.host.containersOf(server.id);
    const from = agent.commands('container.list').length;
    agent.pushEvent('stop', container!); // a stale event: the container still runs
    await waitFor(() => listsSince(from).length === 1);
    await waitFor(async () => (await getServer(t, server.id)).status === 'running');
    expect(listsSince(from)).toEqual([server.id]);
    expect((await getServer(t, server.id)).containerId).toBe(container!.id);
  });

  it(`a burst naming more than ${scopedReconcileMax} servers is one whole-host list`, async () => {
    await createRunningServer(t, agentId);
    const from = agent.commands('container.list').length;
    for (let i = 0; i <= scopedReconcileMax; i++)
      agent.pushEvent('start', { id: `c${i}`, serverId: randomUUID(), serverName: `x${i}` });
    await waitFor(() => listsSince(from).length === 1);
    expect(listsSince(from)).toEqual([undefined]);
  });
});
