import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  test as base,
  expect,
  type APIRequestContext,
  type Page,
  type Request,
} from '@playwright/test';
import { apiPaths, type CreateServerRequest, type Server } from '@contract/index';
import { AgentProcess } from './support/agent-process';
import { agentStatus, apiSession, createServer, waitForIdle, waitForStatus } from './support/api';
import { containersOfServer, removeContainerIfPresent } from './support/docker-cli';
import { registeredAgent, viewerUser } from './support/registered-agent';
import { managerUrl, stackEnv } from './support/stack-env';

export { expect };

interface Stack {
  admin: APIRequestContext;
  agentId: string;
  agent: AgentProcess;
  /** Waits until the manager shows the agent with this status. */
  waitForAgent(status: 'online' | 'offline'): Promise<void>;
}

interface Servers {
  /**
   * Creates a server through the API and waits until it runs and its game has booted once (its
   * world written); it is purged (with its data) after the test.
   */
  createRunning(label: string, extra?: Partial<CreateServerRequest>): Promise<Server>;
  /** `{serverDataPath}/{name}` on this host. */
  dirOf(server: Pick<Server, 'name'>): string;
}

interface TestFixtures {
  servers: Servers;
  signIn: (page: Page, who?: 'admin' | 'viewer') => Promise<void>;
  shot: (page: Page, name: string) => Promise<void>;
}

export const test = base.extend<TestFixtures, { stack: Stack }>({
  stack: [
    async ({}, use) => {
      const admin = await apiSession(stackEnv.admin.email, stackEnv.admin.password);
      const { agentId, token } = await registeredAgent(admin);
      const agent = new AgentProcess({
        managerWsUrl: managerUrl.replace(/^http/, 'ws'),
        token,
        dataPath: stackEnv.serverDataPath,
        stateDir: stackEnv.agentStateDir,
        logFile: path.join(stackEnv.runDir, 'agent.log'),
      });
      const waitForAgent = async (status: 'online' | 'offline') => {
        await expect.poll(() => agentStatus(admin, agentId), { timeout: 30_000 }).toBe(status);
      };
      agent.start();
      await waitForAgent('online');
      await use({ admin, agentId, agent, waitForAgent });
      await agent.stop();
      await admin.dispose();
    },
    { scope: 'worker', timeout: 60_000 },
  ],

  servers: async ({ stack }, use) => {
    const created: Server[] = [];
    const suffix = Math.random().toString(36).slice(2, 6);
    const dirOf = (server: Pick<Server, 'name'>) => path.join(stackEnv.serverDataPath, server.name);
    await use({
      createRunning: async (label, extra = {}) => {
        const name = `${stackEnv.serverPrefix}${label}-${suffix}`.slice(0, 32);
        const { server } = await createServer(stack.admin, stack.agentId, {
          name,
          imageTag: 'latest',
          ...extra,
        });
        created.push(server);
        const running = await waitForStatus(stack.admin, server.id, 'running');
        // Running means the container started, not that the game got to write its world: the
        // fake game writes world.txt, then its first boot.log line. A spec reads the world next.
        const bootLog = path.join(dirOf(server), 'data', 'boot.log');
        await expect.poll(() => existsSync(bootLog), { timeout: 20_000 }).toBe(true);
        return running;
      },
      dirOf,
    });
    // Clean up through the product (purge with data); the agent must be up for that.
    stack.agent.start();
    await stack.waitForAgent('online');
    for (const server of created) {
      await waitForIdle(stack.admin, server.id).catch(() => undefined);
      await stack.admin.delete(apiPaths.purge(server.agentId, server.id, true));
      await expect
        .poll(() => containersOfServer(server.id).length, { timeout: 20_000 })
        .toBe(0)
        .catch(() => containersOfServer(server.id).forEach(removeContainerIfPresent));
    }
  },

  signIn: async ({ stack }, use) => {
    void stack; // the stack (agent, users) must exist before anyone signs in
    await use(async (page, who = 'admin') => {
      const user = who === 'admin' ? stackEnv.admin : viewerUser;
      await gotoSurvivingNetworkChange(page, '/login');
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).not.toHaveURL(/\/login/);
    });
  },

  shot: async ({}, use, testInfo) => {
    await use(async (page, name) => {
      const file = path.join(stackEnv.artifactsDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      await testInfo.attach(name, { path: file, contentType: 'image/png' });
    });
  },
});

/**
 * Docker adding or removing a network interface (a test container starting, an image being
 * pushed) makes Chromium abort the requests in flight with ERR_NETWORK_CHANGED. A page whose
 * scripts were cut off stays blank, and a person would reload it: so does this, for that error
 * only, at most twice.
 */
async function gotoSurvivingNetworkChange(page: Page, url: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    let cutOff = false;
    const onFailed = (request: Request) => {
      if (request.failure()?.errorText.includes('ERR_NETWORK_CHANGED')) cutOff = true;
    };
    page.on('requestfailed', onFailed);
    await page.goto(url);
    await page.waitForLoadState('networkidle').catch(() => undefined);
    page.off('requestfailed', onFailed);
    if (!cutOff || attempt === 2) return;
  }
}
