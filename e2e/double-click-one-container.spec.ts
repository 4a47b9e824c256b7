import { waitForStatus } from './support/api';
import { containersOfServer, removeContainerForcibly } from './support/docker-cli';
import { expect, test } from './fixtures';

// A double-click and a second tab asking at the same moment still give one container
// (invariant 3; one active operation per server is enforced by the database).
test('a double-click and two tabs recreating at once give exactly one container', async ({
  page,
  context,
  stack,
  servers,
  signIn,
}) => {
  const server = await servers.createRunning('double');
  removeContainerForcibly(server.containerId!);
  await waitForStatus(stack.admin, server.id, 'missing', 10_000);

  await signIn(page);
  const second = await context.newPage();
  for (const tab of [page, second]) {
    await tab.goto(`/servers/${server.id}`);
    await expect(tab.getByTestId('server-status')).toHaveText('Missing');
    await tab.getByRole('button', { name: 'Recreate', exact: true }).click();
    await expect(tab.getByRole('alertdialog')).toBeVisible();
  }
  const confirmIn = (tab: typeof page) =>
    tab.getByRole('alertdialog').getByRole('button', { name: 'Recreate', exact: true });
  await Promise.all([confirmIn(page).dblclick(), confirmIn(second).click()]);

  await waitForStatus(stack.admin, server.id, 'running', 30_000);
  await expect(page.getByTestId('server-status')).toHaveText('Running');
  await expect(second.getByTestId('server-status')).toHaveText('Running');
  expect(containersOfServer(server.id)).toHaveLength(1);
});
