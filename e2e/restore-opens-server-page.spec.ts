import { getServer, waitForStatus } from './support/api';
import { containersOfServer } from './support/docker-cli';
import { dataFingerprint, readWorldFile } from './support/data-dir';
import { expect, test } from './fixtures';

// docs/design.md §11, scenario 2: soft-delete → Restore (data found) → /servers/:id → Running.
test('restoring a soft-deleted server recreates it and opens its page', async ({
  page,
  stack,
  servers,
  signIn,
  shot,
}) => {
  const server = await servers.createRunning('restore');
  const dir = servers.dirOf(server);
  const world = readWorldFile(dir);
  const before = dataFingerprint(dir, { ignore: ['data/boot.log'] });

  await signIn(page);
  await page.goto(`/servers/${server.id}`);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const deleteDialog = page.getByRole('alertdialog');
  await expect(deleteDialog).toContainText(/kept|preserved/i);
  await shot(page, 'delete-dialog');
  await deleteDialog.getByRole('button', { name: 'Delete server', exact: true }).click();
  await waitForStatus(stack.admin, server.id, 'deleted');
  expect(containersOfServer(server.id)).toHaveLength(0);
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(before);

  await page.goto(`/agents/${stack.agentId}`);
  const card = page.getByRole('article', { name: `Server ${server.name}` }).first();
  await card.getByRole('button', { name: 'Restore', exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('World saves and player data will be preserved');
  await shot(page, 'restore-dialog');
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/servers/${server.id}$`));
  // The router keeps the old page on screen until the server page is ready.
  await expect(page.getByRole('heading', { level: 1, name: server.name })).toBeVisible();
  await expect(page.getByTestId('server-status')).toHaveText('Running', { timeout: 30_000 });
  await shot(page, 'restored-server');

  expect((await getServer(stack.admin, server.id)).deletedAt).toBeNull();
  expect(containersOfServer(server.id)).toHaveLength(1);
  expect(readWorldFile(dir)).toBe(world);
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(before);
});
