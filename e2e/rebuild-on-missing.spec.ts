import { waitForStatus } from './support/api';
import { containersOfServer, removeContainerForcibly } from './support/docker-cli';
import { dataFingerprint } from './support/data-dir';
import { expect, test } from './fixtures';

// docs/design.md §11, scenario 3: Rebuild on a Missing server creates a container (the original ZedOps
// answered 400 because the container id was null).
test('Rebuild on a missing server creates its container without an error', async ({
  page,
  stack,
  servers,
  signIn,
}) => {
  const server = await servers.createRunning('rebuild');
  const dir = servers.dirOf(server);
  const before = dataFingerprint(dir, { ignore: ['data/boot.log'] });
  removeContainerForcibly(server.containerId!);
  await waitForStatus(stack.admin, server.id, 'missing', 10_000);

  await signIn(page);
  await page.goto(`/servers/${server.id}`);
  await expect(page.getByTestId('server-status')).toHaveText('Missing');
  await page.getByRole('button', { name: 'Rebuild', exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('World saves and player data will be preserved');
  await dialog.getByRole('button', { name: 'Rebuild', exact: true }).click();

  await expect(page.getByTestId('server-status')).toHaveText('Running', { timeout: 30_000 });
  // No error anywhere: neither an alert on the page nor a failure among the notifications.
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(
    page.getByRole('region', { name: 'Notifications' }).filter({ hasText: /failed/i }),
  ).toHaveCount(0);
  const after = containersOfServer(server.id);
  expect(after).toHaveLength(1);
  expect(after[0]).not.toBe(server.containerId);
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(before);
});
