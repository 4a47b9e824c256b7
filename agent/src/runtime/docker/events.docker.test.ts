import { describe, expect, it } from 'vitest';
import type { CreateResult } from '@contract/agent-protocol';
import { AgentHarness, withAgentHarness } from '../../testing/agent-harness';
import { docker, testImage } from '../../testing/docker-cli';

let h: AgentHarness;
withAgentHarness((harness) => {
  h = harness;
});

async function created() {
  const spec = await h.newSpec();
  const result = await h.manager.ok<CreateResult>({
    name: 'container.create',
    spec,
    idempotencyKey: 'op-1',
    requireData: false,
  });
  return { spec, id: result.container.id };
}

describe('docker events reach the manager', () => {
  it('docker rm -f → destroy event within 2 s', async () => {
    const { spec, id } = await created();
    const since = Date.now();
    docker('rm', '-f', id);
    const event = await h.manager.waitForEvent(
      (e) => e.action === 'destroy' && e.containerId === id,
      2_000,
    );
    expect(Date.now() - since).toBeLessThan(2_000);
    expect(event).toMatchObject({ serverId: spec.serverId, serverName: spec.serverName });
  });

  it('docker stop → die and stop events within 2 s; docker start → start event', async () => {
    const { spec, id } = await created();
    const since = Date.now();
    docker('stop', '-t', '5', id);
    await h.manager.waitForEvent((e) => e.action === 'die' && e.containerId === id, 2_000);
    await h.manager.waitForEvent((e) => e.action === 'stop' && e.containerId === id, 2_000);
    expect(Date.now() - since).toBeLessThan(2_000);
    docker('start', id);
    const started = await h.manager.waitForEvent(
      (e) => e.action === 'start' && e.containerId === id && Date.parse(e.at) >= since,
      2_000,
    );
    expect(started.serverId).toBe(spec.serverId);
  });

  it('ignores containers ZedOps does not manage', async () => {
    const name = `not-ours-${Date.now()}`;
    h.foreignNames.push(name);
    const id = docker('run', '-d', '--name', name, `${testImage}:latest`);
    docker('rm', '-f', id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.manager.events.some((e) => e.containerId === id)).toBe(false);
  });
});
