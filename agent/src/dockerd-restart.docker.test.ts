import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerInfo, CreateResult } from '@contract/agent-protocol';
import { AgentHarness } from './testing/agent-harness';
import { docker, dockerUp } from './testing/docker-cli';
import { waitFor } from './testing/fake-manager';

// Restarts the real dockerd. Everything else sharing this engine pauses for a few seconds;
// set ZEDOPS_SKIP_DOCKERD_RESTART=1 to skip it when that is not acceptable.
const skip = process.env.ZEDOPS_SKIP_DOCKERD_RESTART === '1';

let h: AgentHarness;
beforeAll(async () => {
  if (!skip) h = await AgentHarness.start();
});
afterAll(async () => {
  if (skip) return;
  dockerUp('--no-image'); // dockerd and the registry must be up for whatever runs next
  await h?.stop();
});

describe.skipIf(skip)('dockerd restart', () => {
  it('the agent reports the outage, recovers, lists containers and follows events again', async () => {
    const spec = await h.newSpec();
    const before = await h.manager.ok<CreateResult>({
      name: 'container.create',
      spec,
      idempotencyKey: 'op-1',
      requireData: false,
    });

    const pid = Number(readFileSync('/var/run/docker.pid', 'utf8'));
    process.kill(pid, 'SIGTERM');
    await waitFor(() => !dockerAnswers(), 60_000, 'dockerd to stop');
    await waitFor(
      () => h.manager.dockerStatuses.some((d) => !d.available),
      10_000,
      'docker.status unavailable',
    );
    const { reply } = await h.manager.request({ name: 'container.list' });
    expect(reply.ok || reply.error.code).toBe('DOCKER_UNAVAILABLE');

    dockerUp('--no-image');
    await waitFor(
      () => h.manager.dockerStatuses.at(-1)?.available === true,
      15_000,
      'docker.status available',
    );
    expect(h.manager.connected).toBe(true);

    // restart policy unless-stopped brings the container back with the daemon
    await waitFor(
      () => docker('inspect', '-f', '{{.State.Running}}', before.container.id) === 'true',
      30_000,
      'container restarted',
    );
    const { containers } = await h.manager.ok<{ containers: ContainerInfo[] }>({
      name: 'container.list',
    });
    expect(containers.find((c) => c.serverId === spec.serverId)).toMatchObject({
      id: before.container.id,
      running: true,
    });

    // the event stream was re-subscribed: a docker rm -f still shows up
    docker('rm', '-f', before.container.id);
    await h.manager.waitForEvent(
      (e) => e.action === 'destroy' && e.containerId === before.container.id,
      12_000,
    );
  });
});

function dockerAnswers(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}
