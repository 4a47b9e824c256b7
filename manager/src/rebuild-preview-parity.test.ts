import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '@contract/errors';
import { OperationResponse } from '@contract/http/operations';
import { apiPaths } from '@contract/http/paths';
import { RebuildPreviewResponse } from '@contract/http/rebuild-preview';
import { ServerActionResponse, ServerResponse } from '@contract/http/servers';
import { rebuildPreviewReasons as reasons } from '@contract/rebuild-preview';
import { mockDb } from '@mocks/db';
import { fixtureIds } from '@mocks/fixtures';
import { server as mswServer } from '@mocks/node';
import type { ScriptedAgent } from './testing/scripted-agent';
import {
  closeOpened,
  connectAgent,
  startTestManager,
  waitFor,
  type TestManager,
} from './testing/harness';

/**
 * The rebuild preview asked of the MSW mocks and of the real manager (scripted agent over the
 * agent's fake runtime), through the same story: both must answer every step alike.
 */
type Call = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: unknown }>;

interface Side {
  agentId: string;
  call: Call;
  /** A new image under `ref` in the registry (the tag moves). */
  publish(ref: string): void;
  setRegistryDown(down: boolean): void;
  takeAgentOffline(): Promise<void>;
}

const repo = 'registry.test/zedops/preview';
const digest = /^sha256:[0-9a-f]{64}$/;
const registryFailure = reasons.registry('');

/** What a step answered, reduced to what both sides must share (ids and digests are random). */
async function preview(side: Side, serverId: string) {
  const res = await side.call('GET', apiPaths.rebuildPreview(serverId));
  if (res.status !== 200)
    return { http: res.status, code: ApiErrorBody.parse(res.body).error.code };
  const p = RebuildPreviewResponse.parse(res.body);
  for (const d of [p.current.imageDigest, p.next.digest]) if (d !== null) expect(d).toMatch(digest);
  return {
    http: 200,
    imageRef: p.current.imageRef,
    pinned: p.current.imageDigest !== null,
    next:
      p.next.digest === null ? null : p.next.digest === p.current.imageDigest ? 'same' : 'other',
    nextHeld: p.next.imageId !== null,
    changes: p.changes,
    reason: p.reason?.startsWith(registryFailure) ? 'registry' : (p.reason ?? null),
    raw: p,
  };
}

async function settle(side: Side, res: { status: number; body: unknown }) {
  expect(res.status).toBe(202);
  const { operation } = ServerActionResponse.parse(res.body);
  const end = await waitFor(async () => {
    const op = OperationResponse.parse(
      (await side.call('GET', apiPaths.operation(operation.id))).body,
    ).operation;
    return op.state === 'queued' || op.state === 'running' ? undefined : op;
  });
  expect(end.state).toBe('succeeded');
  return end;
}

/** The story, step by step; returns what each step answered. */
async function story(side: Side) {
  const steps: Record<string, unknown> = {};
  side.publish(`${repo}:b42`);
  const created = await side.call('POST', apiPaths.agentServers(side.agentId), {
    name: 'preview-a',
    image: repo,
    imageTag: 'b42',
  });
  const { server } = ServerActionResponse.parse(created.body);
  await settle(side, created);
  const id = server.id;
  steps.pinnedNow = await preview(side, id);

  side.publish(`${repo}:b42`);
  const moved = await preview(side, id);
  steps.tagMoved = moved;
  await settle(
    side,
    await side.call('POST', apiPaths.serverAction(side.agentId, id, 'rebuild'), {}),
  );
  const rebuilt = ServerResponse.parse((await side.call('GET', apiPaths.server(id))).body).server;
  expect(rebuilt.imageDigest).toBe(moved.raw?.next.digest);
  steps.afterRebuild = await preview(side, id);

  side.setRegistryDown(true);
  steps.registryDown = await preview(side, id);
  side.setRegistryDown(false);

  await side.call('PATCH', apiPaths.agentServer(side.agentId, id), { imageTag: 'unpushed' });
  steps.unknownTag = await preview(side, id);
  side.publish(`${repo}:unpushed`);
  steps.noPinYet = await preview(side, id);

  steps.unknownServer = await preview(side, 'no-such-server');
  await side.takeAgentOffline();
  steps.agentOffline = await preview(side, id);
  for (const step of Object.values(steps)) delete (step as { raw?: unknown }).raw;
  return steps;
}

const expected = {
  pinnedNow: {
    http: 200,
    imageRef: `${repo}:b42`,
    pinned: true,
    next: 'same',
    nextHeld: true,
    changes: false,
    reason: null,
  },
  tagMoved: {
    http: 200,
    imageRef: `${repo}:b42`,
    pinned: true,
    next: 'other',
    nextHeld: false,
    changes: true,
    reason: null,
  },
  afterRebuild: {
    http: 200,
    imageRef: `${repo}:b42`,
    pinned: true,
    next: 'same',
    nextHeld: true,
    changes: false,
    reason: null,
  },
  registryDown: {
    http: 200,
    imageRef: `${repo}:b42`,
    pinned: true,
    next: null,
    nextHeld: false,
    changes: null,
    reason: 'registry',
  },
  unknownTag: {
    http: 200,
    imageRef: `${repo}:unpushed`,
    pinned: false,
    next: null,
    nextHeld: false,
    changes: null,
    reason: 'registry',
  },
  noPinYet: {
    http: 200,
    imageRef: `${repo}:unpushed`,
    pinned: false,
    next: 'other',
    nextHeld: false,
    changes: null,
    reason: reasons.noPin,
  },
  unknownServer: { http: 404, code: 'NOT_FOUND' },
  agentOffline: {
    http: 200,
    imageRef: `${repo}:unpushed`,
    pinned: false,
    next: null,
    nextHeld: false,
    changes: null,
    reason: reasons.agentOffline,
  },
};

const story_ =
  'pinned, tag moved, rebuilt, registry down, unknown tag, no pin, unknown server, agent offline';

describe('rebuild preview parity: MSW mock handlers', () => {
  beforeEach(() => {
    mswServer.listen({ onUnhandledRequest: 'error' });
    mockDb.reset();
    mockDb.setOperationDelayMs(5);
    mockDb.signInAs('operator');
  });
  afterEach(() => mswServer.close());

  it(story_, async () => {
    const side: Side = {
      agentId: fixtureIds.agents.local,
      async call(method, path, body) {
        const res = await fetch(`http://localhost${path}`, {
          method,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
      },
      publish: (ref) => void mockDb.publishImage(ref),
      setRegistryDown: (down) => mockDb.setRegistryDown(down),
      takeAgentOffline: async () => mockDb.setAgentStatus(fixtureIds.agents.local, 'offline'),
    };
    expect(await story(side)).toEqual(expected);
  });
});

describe('rebuild preview parity: real manager + scripted agent', () => {
  let t: TestManager;
  let agent: ScriptedAgent;
  afterEach(closeOpened(() => ({ t, agent })));

  it(story_, async () => {
    t = await startTestManager();
    const connected = await connectAgent(t);
    agent = connected.agent;
    const images = agent.host.runtime.images;
    const side: Side = {
      agentId: connected.agentId,
      call: (method, path, body) => t.admin.call(method, path, body),
      publish: (ref) => void images.publish(ref),
      setRegistryDown: (down) =>
        down ? images.unreachable.set('registry.test', 'refused') : images.unreachable.clear(),
      async takeAgentOffline() {
        await agent.disconnect();
        await waitFor(async () => {
          const res = await t.admin.call('GET', apiPaths.agent(connected.agentId));
          return (res.body as { agent: { status: string } }).agent.status === 'offline';
        });
      },
    };
    expect(await story(side)).toEqual(expected);
  });
});
