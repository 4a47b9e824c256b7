import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Server } from '@contract/index';
import { getServer, waitForStatus } from './support/api';
import { containersOfServer, removeContainerForcibly } from './support/docker-cli';
import { bootCount, dataFingerprint, readWorldFile } from './support/data-dir';
import { focusIsInside, signInWithKeyboard, tabTo } from './support/keyboard';
import { expect, test } from './fixtures';

// Issue 15: the recovery flows with the keyboard alone (page.keyboard only, no clicks), with a
// visible focus ring at every stop, and what a screen reader hears through the one live region.
// Each server gets its own ports: other engineers' runs on this Docker host take the defaults.

const announcements = (page: Page) => page.getByRole('log', { name: 'Announcements' });

/** Nothing happened to the server: same status, no operation, no container, same files. */
async function expectUntouched(
  admin: Parameters<typeof getServer>[0],
  server: Server,
  dir: string,
  fingerprint: string,
) {
  const now = await getServer(admin, server.id);
  expect(now.status).toBe('missing');
  expect(now.activeOperation).toBeNull();
  expect(containersOfServer(server.id)).toHaveLength(0);
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(fingerprint);
}

test('keyboard only: sign in, open a server, hear it go Missing, Escape cancels, Recreate brings the same world back', async ({
  page,
  stack,
  servers,
}) => {
  const server = await servers.createRunning('kbd', {
    gamePort: 24271,
    udpPort: 24272,
    rconPort: 24025,
  });
  const dir = servers.dirOf(server);
  const world = readWorldFile(dir);
  const boots = bootCount(dir);
  const before = dataFingerprint(dir, { ignore: ['data/boot.log'] });

  await signInWithKeyboard(page);
  const card = page.getByRole('article', { name: `Server ${server.name}` });
  await tabTo(page, card.getByRole('link', { name: server.name }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/servers/${server.id}$`));
  // The router keeps the old page on screen until the server page is ready.
  await expect(page.getByRole('heading', { level: 1, name: server.name })).toBeVisible();
  await expect(page.getByRole('main')).toBeFocused();
  const status = page.getByTestId('server-status');
  await expect(status).toHaveText('Running');

  removeContainerForcibly(server.containerId!);
  await expect(announcements(page)).toContainText(`${server.name} is now Missing`);

  const recreate = page.getByRole('button', { name: 'Recreate', exact: true });
  await tabTo(page, recreate);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('World saves and player data will be preserved');
  for (let i = 0; i < 5; i++) {
    expect(await focusIsInside(dialog)).toBe(true);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(recreate).toBeFocused();
  await expectUntouched(stack.admin, server, dir, before);

  await page.keyboard.press('Enter');
  await expect(dialog).toContainText('World saves and player data will be preserved');
  await tabTo(page, dialog.getByRole('button', { name: 'Recreate', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: `Actions for ${server.name}` })).toBeFocused();

  await expect(status).toHaveText('Running', { timeout: 30_000 });
  await expect(announcements(page)).toContainText('Recreate finished');
  await expect(announcements(page)).toContainText(`${server.name} is now Running`);
  expect(readWorldFile(dir)).toBe(world);
  expect(bootCount(dir)).toBe(boots + 1);
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(before);
  expect(containersOfServer(server.id)).toHaveLength(1);
});

test('keyboard only: without data, the fresh start waits for the ticked box; Escape changes nothing', async ({
  page,
  stack,
  servers,
}) => {
  const server = await servers.createRunning('kbd-fresh', {
    gamePort: 24281,
    udpPort: 24282,
    rconPort: 24035,
  });
  const dir = servers.dirOf(server);
  const oldWorld = readWorldFile(dir);
  removeContainerForcibly(server.containerId!);
  await waitForStatus(stack.admin, server.id, 'missing', 10_000);
  rmSync(path.join(dir, 'data'), { recursive: true, force: true });
  const before = dataFingerprint(dir);

  await signInWithKeyboard(page);
  await page.goto(`/servers/${server.id}`);
  const recreate = page.getByRole('button', { name: 'Recreate', exact: true });
  await tabTo(page, recreate);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog', { name: /Fresh start/ });
  const confirm = dialog.getByRole('button', { name: 'Recreate with a fresh world' });
  await expect(confirm).toBeDisabled();
  await expect(confirm).toHaveAccessibleDescription(
    'Tick the box above to confirm the fresh start.',
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(recreate).toBeFocused();
  await expectUntouched(stack.admin, server, dir, before);

  await page.keyboard.press('Enter');
  await tabTo(page, dialog.getByRole('checkbox'));
  await page.keyboard.press('Space');
  await expect(confirm).toBeEnabled();
  await tabTo(page, confirm);
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('server-status')).toHaveText('Running', { timeout: 30_000 });
  await expect(announcements(page)).toContainText('Recreate finished');
  await expect.poll(() => readWorldFile(dir), { timeout: 10_000 }).not.toBe(oldWorld);
  expect(containersOfServer(server.id)).toHaveLength(1);
});

test('keyboard only: delete, then restore from the agent page and land on the server page', async ({
  page,
  stack,
  servers,
}) => {
  const server = await servers.createRunning('kbd-restore', {
    gamePort: 24291,
    udpPort: 24292,
    rconPort: 24045,
  });
  const dir = servers.dirOf(server);
  const world = readWorldFile(dir);
  const before = dataFingerprint(dir, { ignore: ['data/boot.log'] });

  await signInWithKeyboard(page);
  await page.goto(`/servers/${server.id}`);
  await tabTo(page, page.getByRole('button', { name: 'Delete', exact: true }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog');
  await tabTo(page, dialog.getByRole('button', { name: 'Delete server', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('server-status')).toHaveText('Deleted', { timeout: 30_000 });
  await expect(announcements(page)).toContainText(`${server.name} is now Deleted`);
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(before);

  // Back up the page to the sidebar, then into the agent page.
  await tabTo(
    page,
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /e2e-host/ }),
    {
      backwards: true,
    },
  );
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/agents/${stack.agentId}$`));
  const card = page.getByRole('article', { name: `Server ${server.name}` });
  await tabTo(page, card.getByRole('button', { name: 'Restore', exact: true }));
  await page.keyboard.press('Enter');
  await expect(dialog).toContainText('World saves and player data will be preserved');
  await tabTo(page, dialog.getByRole('button', { name: 'Restore', exact: true }));
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(new RegExp(`/servers/${server.id}$`));
  // The router keeps the old page on screen until the server page is ready.
  await expect(page.getByRole('heading', { level: 1, name: server.name })).toBeVisible();
  await expect(page.getByRole('main')).toBeFocused();
  await expect(page.getByTestId('server-status')).toHaveText('Running', { timeout: 30_000 });
  await expect(announcements(page)).toContainText('Restore finished');
  expect(readWorldFile(dir)).toBe(world);
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(before);
  expect(containersOfServer(server.id)).toHaveLength(1);
});
