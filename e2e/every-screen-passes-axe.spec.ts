import { renameSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { getServer, waitForStatus } from './support/api';
import { scanWithAxe, describeViolations, type AxeScan } from './support/axe';
import { containersOfServer, removeContainerForcibly } from './support/docker-cli';
import { dataFingerprint } from './support/data-dir';
import { expect, test } from './fixtures';
import { stackEnv } from './support/stack-env';

// Issue 15: axe-core on every screen, in each state it shows, on the real stack. Serious and
// critical violations fail; moderate and minor ones are printed (and summed in the artifacts).
test('every screen has no serious or critical axe violation, in each state it shows', async ({
  page,
  stack,
  servers,
  signIn,
  shot,
}) => {
  // Own ports: other engineers' runs on this Docker host take the default ones.
  const server = await servers.createRunning('axe', {
    gamePort: 24261,
    udpPort: 24262,
    rconPort: 24015,
  });
  const dir = servers.dirOf(server);
  const before = dataFingerprint(dir, { ignore: ['data/boot.log'] });
  const scans: AxeScan[] = [];
  const scan = async (screen: string) => {
    scans.push(await scanWithAxe(page, screen));
    await shot(page, `axe-${screen.replace(/\W+/g, '-')}`);
  };

  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await scan('login');
  await page.getByLabel('Email').fill(stack.agentId + '@nobody.invalid');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await scan('login (refused)');

  await signIn(page);
  await expect(page.getByRole('article', { name: `Server ${server.name}` })).toBeVisible();
  await scan('overview');

  await page.goto(`/servers/${server.id}`);
  await expect(page.getByTestId('server-status')).toHaveText('Running');
  await settled(page);
  await scan('server page (Running)');

  removeContainerForcibly(server.containerId!);
  await expect(page.getByTestId('server-status')).toHaveText('Missing', { timeout: 10_000 });
  await settled(page);
  await scan('server page (Missing)');

  const recreate = page.getByRole('button', { name: 'Recreate', exact: true });
  const dialog = page.getByRole('alertdialog');
  await recreate.click();
  await expect(dialog).toContainText('World saves and player data will be preserved');
  await scan('recreate dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // The fresh-start dialog needs the data gone: move it aside, cancel, move it back.
  const data = path.join(dir, 'data');
  renameSync(data, `${data}.aside`);
  try {
    await recreate.click();
    await expect(dialog).toContainText(/will NOT be restored/i);
    await scan('fresh-start dialog');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  } finally {
    renameSync(`${data}.aside`, data);
  }

  // With the agent offline: the last known state, and the dialog over a cached data check.
  await stack.agent.stop();
  await stack.waitForAgent('offline');
  await expect(page.getByTestId('server-status')).toHaveText('Agent offline');
  await settled(page);
  await scan('server page (agent offline)');
  await recreate.click();
  await expect(dialog).toContainText('Agent offline — last known state');
  await scan('recreate dialog (agent offline, cached check)');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  stack.agent.start();
  await stack.waitForAgent('online');
  await expect(page.getByTestId('server-status')).toHaveText('Missing');

  await page.goto(`/agents/${stack.agentId}`);
  await expect(
    page
      .getByRole('region', { name: /Issues/ })
      .getByRole('article', { name: `Server ${server.name}` }),
  ).toBeVisible();
  await scan('agent page');

  await page.goto(`/agents/${stack.agentId}/servers/new`);
  await expect(page.getByRole('button', { name: 'Create server' })).toBeEnabled();
  await scan('create form');
  await page.getByLabel('Name', { exact: true }).fill('X');
  await page.getByRole('button', { name: 'Create server' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await scan('create form (errors)');

  // The accounts screens (admin): users, own account, add a host.
  await page.goto('/users');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
  await expect(page.getByText(stackEnv.admin.email).first()).toBeVisible();
  await scan('users');
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account');
  await scan('account');
  await page.goto('/agents/new');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add a host');
  await scan('add host');

  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await scan('not found');

  // Looking and cancelling changed nothing.
  const after = await getServer(stack.admin, server.id);
  expect(after.status).toBe('missing');
  expect(after.activeOperation).toBeNull();
  expect(containersOfServer(server.id)).toHaveLength(0);
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(before);
  await waitForStatus(stack.admin, server.id, 'missing');

  for (const s of scans) expect.soft(describeViolations(s.blocking), s.screen).toBe('');
});

/** The server page's slower parts (activity, data banner) have loaded. */
async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('list', { name: 'Recent activity' })).toBeVisible();
  await expect(
    page.getByText(/^(World data (present|not checked)|No world data found)$/).first(),
  ).toBeVisible();
}
