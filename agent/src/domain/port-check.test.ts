import { beforeEach, describe, expect, it } from 'vitest';
import type { ContainerSpec, CreateResult } from '@contract/agent-protocol';
import { FakeAgent } from '../testing/fake-agent';

// The probe itself (another process bound to the port) is proven on the real host by the
// ContainerRuntime contract; here: what the agent makes of it.
let a: FakeAgent;
beforeEach(() => {
  a = new FakeAgent();
});

const create = (spec: ContainerSpec, key = `op-${spec.serverId}`) =>
  ({ name: 'container.create', spec, idempotencyKey: key, requireData: false }) as const;

describe('port check before create', () => {
  it('a host port held by another process → PORT_CONFLICT naming the port; nothing made', async () => {
    const spec = a.spec();
    a.runtime.heldPorts.add(spec.udpPort);
    const error = await a.refused(create(spec));
    expect(error).toMatchObject({ code: 'PORT_CONFLICT', details: { port: spec.udpPort } });
    expect(error.message).toContain(String(spec.udpPort));
    expect(a.containersOf(spec.serverId)).toEqual([]);
    expect(a.tree.exists(a.root(spec))).toBe(false);
  });

  it('a host port published by another server’s container → PORT_CONFLICT naming that container', async () => {
    const other = a.spec();
    const created = await a.ok<CreateResult>(create(other));
    const spec = a.spec({
      gamePort: other.gamePort,
      udpPort: other.gamePort + 50,
      rconPort: other.gamePort + 51,
    });
    expect(await a.refused(create(spec))).toMatchObject({
      code: 'PORT_CONFLICT',
      details: {
        port: other.gamePort,
        containerId: created.container.id,
        serverId: other.serverId,
      },
    });
  });

  it('a stranger’s container on the port is named as not ZedOps’; a stopped one holds nothing', async () => {
    const spec = a.spec();
    const stranger = a.runtime.addForeign('someone-elses-game', { udpPorts: [spec.gamePort] });
    const error = await a.refused(create(spec));
    expect(error).toMatchObject({
      code: 'PORT_CONFLICT',
      details: { containerId: stranger.id, serverId: null },
    });
    expect(error.message).toContain('not managed by ZedOps');
    await a.runtime.stop(stranger.id, 1);
    expect(await a.ok<CreateResult>(create(spec, 'op-again'))).toMatchObject({ adopted: false });
  });

  it('a replace does not trip over the ports of the container it replaces', async () => {
    const spec = a.spec();
    await a.ok(create(spec));
    a.tree.write(`${a.root(spec)}/data/w.txt`, 'w');
    expect(
      await a.ok<CreateResult>({
        name: 'container.replace',
        spec,
        idempotencyKey: 'r1',
        requireData: true,
      }),
    ).toMatchObject({ adopted: false });
  });
});
