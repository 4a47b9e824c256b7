import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { apiPaths, maskedSecret, ServerResponse } from '@contract/index';
import { CommandAgent } from './support/agent-from-command';
import { agentStatus, apiSession, createUser } from './support/api';
import { viewerUser } from './support/registered-agent';
import { stackEnv } from './support/stack-env';
import { expect, test } from './fixtures';

const run = Math.random().toString(36).slice(2, 6);
const operator = { email: `operator-${run}@e2e.zedops.local`, password: 'operator-password-e2e' };

/** A second browser (its own cookies) signed in as this user. */
async function signedInElsewhere(browser: Browser, who: { email: string; password: string }) {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Servers' })).toBeVisible();
  return page;
}

const userRow = (page: Page, email: string) =>
  page.getByRole('table').getByRole('row').filter({ hasText: email });

test('an admin adds an operator who signs in; disabling them signs their open tab out', async ({
  page,
  browser,
  signIn,
  shot,
}) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('Email').fill(operator.email);
  await page.getByLabel('Initial password').fill(operator.password);
  await page.getByLabel('Role', { exact: true }).selectOption('operator');
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(userRow(page, operator.email)).toContainText('Active');

  const operatorTab = await signedInElsewhere(browser, operator);
  await page.reload();
  await expect(userRow(page, operator.email)).toContainText('just now'); // last sign-in

  await userRow(page, operator.email).getByRole('button', { name: 'Disable' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('signed out everywhere');
  await dialog.getByRole('button', { name: 'Disable' }).click();
  await expect(userRow(page, operator.email)).toContainText('Disabled');
  await shot(page, 'users-page');

  // The operator's tab, left open: its next request (this click, or a poll that came first)
  // finds the session gone and the tab shows the sign-in page.
  await operatorTab
    .getByRole('link', { name: 'e2e-host' })
    .click({ timeout: 5_000 })
    .catch(() => undefined); // a poll was quicker: the link is gone already
  await expect(operatorTab).toHaveURL(/\/login/);
  await operatorTab.getByLabel('Email').fill(operator.email);
  await operatorTab.getByLabel('Password').fill(operator.password);
  await operatorTab.getByRole('button', { name: 'Sign in' }).click();
  await expect(operatorTab.getByRole('alert')).toContainText('Wrong email or password');

  await userRow(page, operator.email).getByRole('button', { name: 'Enable' }).click();
  await expect(userRow(page, operator.email)).toContainText('Active');
  await operatorTab.context().close();
});

test('a host added in the dashboard comes online with the shown command, and again after a token rotation', async ({
  page,
  stack,
  signIn,
  shot,
}) => {
  const name = `e2e-extra-${run}`;
  const dataPath = path.join(stackEnv.runDir, `servers-${run}`);
  mkdirSync(dataPath, { recursive: true });
  const agent = new CommandAgent(
    path.join(stackEnv.runDir, `agent-${run}`),
    path.join(stackEnv.runDir, `agent-${run}.log`),
  );
  try {
    await signIn(page);
    await page.getByRole('link', { name: '+ Add host' }).click();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Data path').fill(dataPath);
    await page.getByRole('button', { name: 'Add host' }).click();
    const command = page
      .getByRole('figure')
      .filter({ hasText: /^Command/ })
      .locator('code');
    await expect(command).toContainText('node zedops-agent.mjs --manager ws://');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: name })).toContainText('pending');
    await shot(page, 'add-host-token');

    agent.start((await command.textContent())!);
    await page.getByRole('link', { name: `Go to ${name}` }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByText('Online', { exact: true })).toBeVisible({ timeout: 30_000 });
    const agentId = page.url().split('/agents/')[1]!;
    await shot(page, 'agent-page');

    await page.getByRole('button', { name: 'Rotate token' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Rotate token' }).click();
    const rotated = page
      .getByRole('figure')
      .filter({ hasText: /^Command/ })
      .locator('code');
    await expect(rotated).toContainText('--token zo_');
    // The running agent was cut off (4401) and cannot come back with what it holds.
    await expect.poll(() => agentStatus(stack.admin, agentId), { timeout: 15_000 }).toBe('offline');
    await shot(page, 'agent-token-rotated');

    // The host owner restarts the agent with the new token (same state folder).
    await agent.stop();
    agent.start((await rotated.textContent())!);
    await expect.poll(() => agentStatus(stack.admin, agentId), { timeout: 30_000 }).toBe('online');
    await expect(page.getByText('Online', { exact: true })).toBeVisible({ timeout: 15_000 });

    await agent.stop();
    await page.getByRole('button', { name: 'Delete host' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete host' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(nav.getByRole('link', { name })).toHaveCount(0);
  } finally {
    await agent.stop();
  }
});

test('a viewer sees ******** where an operator sees the RCON password', async ({
  page,
  browser,
  stack,
  servers,
  signIn,
  shot,
}) => {
  const secret = `rcon-${run}-value`;
  const server = await servers.createRunning('secret', { config: { RCON_PASSWORD: secret } });
  await createUser(stack.admin, operator.email, operator.password, 'operator');

  const operatorTab = await signedInElsewhere(browser, operator);
  await operatorTab.goto(`/servers/${server.id}`);
  await operatorTab.getByText(/Environment config/).click();
  await expect(operatorTab.getByText(secret)).toBeVisible();
  await operatorTab.goto('/account');
  await expect(operatorTab.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  await shot(operatorTab, 'account-page');
  await operatorTab.context().close();

  await signIn(page, 'viewer');
  await page.goto(`/servers/${server.id}`);
  await page.getByText(/Environment config/).click();
  await expect(page.getByText(maskedSecret)).toBeVisible();
  await expect(page.getByText('hidden secret')).toBeAttached();
  await expect(page.getByText(secret)).toHaveCount(0);
  await shot(page, 'viewer-masked-secret');

  const viewerApi = await apiSession(viewerUser.email, viewerUser.password);
  const seen = ServerResponse.parse(await (await viewerApi.get(apiPaths.server(server.id))).json());
  expect(seen.server.config.RCON_PASSWORD).toBe(maskedSecret);
  await viewerApi.dispose();
});

test('the built dashboard runs under its Content-Security-Policy and ships no mock worker', async ({
  page,
  signIn,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(error.message));
  const home = await page.request.get('/');
  expect(home.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(home.headers()['strict-transport-security']).toBeUndefined();
  expect((await page.request.get('/mockServiceWorker.js')).status()).toBe(404);

  await signIn(page);
  for (const route of ['/', '/users', '/account', '/agents/new']) {
    await page.goto(route);
    await expect(page.getByRole('main')).toBeVisible();
  }
  // A dialog too: its scroll lock injects a style element at run time.
  await page.goto('/users');
  await page.getByRole('row').nth(1).getByRole('button', { name: 'Reset password' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.keyboard.press('Escape');
  expect(violations).toEqual([]);
});
