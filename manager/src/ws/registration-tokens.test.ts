import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateAgentResponse } from '@contract/http/agents';
import { apiPaths } from '@contract/http/paths';
import { ScriptedAgent } from '../testing/scripted-agent';
import { startTestManager, type TestManager } from '../testing/harness';

/** A registration token is single-use and lives 24 hours (docs/decisions/0062-agent-tokens.md). */
describe('registration tokens', () => {
  let t: TestManager;
  let now = Date.parse('2031-03-01T12:00:00Z');

  beforeAll(async () => {
    t = await startTestManager({ now: () => now });
  });
  afterAll(() => t.close());

  const newAgent = async (name: string) =>
    t.admin.expect(201, CreateAgentResponse, 'POST', apiPaths.agents, { name });

  it('works once: a second hello with it is refused, the credential it bought keeps working', async () => {
    const { registrationToken } = await newAgent('once');
    const first = await ScriptedAgent.connect(t.manager.url, registrationToken);
    await first.disconnect();
    await expect(ScriptedAgent.connect(t.manager.url, registrationToken)).rejects.toThrow(
      'rejected: INVALID_TOKEN',
    );
    const again = await ScriptedAgent.connect(t.manager.url, first.credential!);
    expect(again.agentId).toBe(first.agentId);
    await again.disconnect();
  });

  it('reused while the agent is connected, it cannot kick the live agent off', async () => {
    const { registrationToken } = await newAgent('live');
    const live = await ScriptedAgent.connect(t.manager.url, registrationToken);
    await expect(ScriptedAgent.connect(t.manager.url, registrationToken)).rejects.toThrow(
      'rejected: INVALID_TOKEN',
    );
    expect(live.closeCode).toBeUndefined();
    await live.disconnect();
  });

  it('expires 24 hours after it was issued', async () => {
    const { registrationToken: fresh } = await newAgent('in-time');
    const { registrationToken: stale } = await newAgent('too-late');
    now += 24 * 60 * 60 * 1000 - 1000;
    const inTime = await ScriptedAgent.connect(t.manager.url, fresh);
    await inTime.disconnect();
    now += 2000;
    await expect(ScriptedAgent.connect(t.manager.url, stale)).rejects.toThrow(
      'rejected: INVALID_TOKEN',
    );
  });
});
