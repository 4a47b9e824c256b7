import { rmSync } from 'node:fs';
import path from 'node:path';
import { getServer, waitForStatus } from './support/api';
import { containersOfServer, removeContainerForcibly } from './support/docker-cli';
import { dataFingerprint, readWorldFile } from './support/data-dir';
import { expect, test } from './fixtures';

// docs/design.md §11 and §6 rule 2: with the data gone, Recreate warns about a fresh start; Cancel
// changes nothing; confirming creates a new world.
test('with its data gone, Recreate warns of a fresh start; cancel changes nothing, confirm starts fresh', async ({
  page,
  stack,
  servers,
  signIn,
  shot,
}) => {
  const server = await servers.createRunning('fresh');
  const dir = servers.dirOf(server);
  const oldWorld = readWorldFile(dir);
  removeContainerForcibly(server.containerId!);
  await waitForStatus(stack.admin, server.id, 'missing', 10_000);
  rmSync(path.join(dir, 'data'), { recursive: true, force: true });
  const before = dataFingerprint(dir);

  await signIn(page);
  await page.goto(`/servers/${server.id}`);
  await page.getByRole('button', { name: 'Recreate', exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(/will NOT be restored/i);
  await shot(page, 'fresh-start-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  await page.waitForTimeout(1_000);
  const untouched = await getServer(stack.admin, server.id);
  expect(untouched.status).toBe('missing');
  expect(untouched.activeOperation).toBeNull();
  expect(containersOfServer(server.id)).toHaveLength(0);
  expect(dataFingerprint(dir)).toBe(before);

  await page.getByRole('button', { name: 'Recreate', exact: true }).click();
  const confirmButton = dialog.getByRole('button', { name: /fresh/i });
  await expect(confirmButton).toBeDisabled();
  await dialog.getByRole('checkbox').check();
  await confirmButton.click();

  await expect(page.getByTestId('server-status')).toHaveText('Running', { timeout: 30_000 });
  await expect.poll(() => readWorldFile(dir), { timeout: 10_000 }).not.toBe(oldWorld);
  expect(containersOfServer(server.id)).toHaveLength(1);
});
