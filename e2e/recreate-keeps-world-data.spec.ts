import { expect, test } from './fixtures';
import { containersOfServer, removeContainerForcibly } from './support/docker-cli';
import { bootCount, dataFingerprint, readWorldFile } from './support/data-dir';

// docs/design.md §11, scenario 1: container removed by hand → the page shows Missing without a reload →
// Recreate → Running with the same world; Stop/Restart were unusable while Missing.
test('a removed container shows as Missing and Recreate brings the same world back', async ({
  page,
  servers,
  signIn,
  shot,
}) => {
  const server = await servers.createRunning('recreate');
  const dir = servers.dirOf(server);
  const world = readWorldFile(dir);
  const boots = bootCount(dir);
  const before = dataFingerprint(dir, { ignore: ['data/boot.log'] });

  await signIn(page);
  await expect(page.getByRole('article', { name: `Server ${server.name}` })).toBeVisible();
  await shot(page, 'overview');
  await page.goto(`/servers/${server.id}`);
  const status = page.getByTestId('server-status');
  await expect(status).toHaveText('Running');

  removeContainerForcibly(server.containerId!);
  await expect(status).toHaveText('Missing', { timeout: 10_000 });
  await shot(page, 'missing-server');

  for (const name of ['Stop', 'Restart']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeDisabled();
  }
  await expect(page.getByText('No container — recreate the server first').first()).toBeVisible();

  await page.getByRole('button', { name: 'Recreate', exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('World saves and player data will be preserved');
  await shot(page, 'recreate-dialog');
  await dialog.getByRole('button', { name: 'Recreate', exact: true }).click();

  await expect(status).toHaveText('Running', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeEnabled();

  expect(readWorldFile(dir)).toBe(world);
  expect(bootCount(dir)).toBe(boots + 1);
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(before);
  expect(containersOfServer(server.id)).toHaveLength(1);
});
