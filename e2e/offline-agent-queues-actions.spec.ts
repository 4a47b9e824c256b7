import { apiPaths } from '@contract/index';
import { waitForStatus } from './support/api';
import { containersOfServer, removeContainerForcibly } from './support/docker-cli';
import { dataFingerprint } from './support/data-dir';
import { expect, test } from './fixtures';

// With the agent stopped, Recreate and Restore are accepted as queued operations, shown as such,
// cancellable, and run when the agent comes back (docs/design.md, lesson 9).
test('with the agent offline, Recreate and Restore are queued and run when it reconnects', async ({
  page,
  stack,
  servers,
  signIn,
  shot,
}) => {
  const missing = await servers.createRunning('q-recreate');
  const deleted = await servers.createRunning('q-restore');
  const fingerprints = [missing, deleted].map((s) =>
    dataFingerprint(servers.dirOf(s), { ignore: ['data/boot.log'] }),
  );
  removeContainerForcibly(missing.containerId!);
  await waitForStatus(stack.admin, missing.id, 'missing', 10_000);
  expect(
    (await stack.admin.delete(apiPaths.agentServer(deleted.agentId, deleted.id))).status(),
  ).toBe(202);
  await waitForStatus(stack.admin, deleted.id, 'deleted');

  await stack.agent.stop();
  await stack.waitForAgent('offline');

  await signIn(page);
  await page.goto(`/servers/${missing.id}`);
  await expect(page.getByTestId('server-status')).toHaveText('Agent offline');
  await page.getByRole('button', { name: 'Recreate', exact: true }).click();
  let dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(/agent is offline|agent offline/i);
  await dialog.getByRole('button', { name: 'Recreate', exact: true }).click();
  const queued = page.getByText('Queued — will run when the agent reconnects');
  await expect(queued).toBeVisible();
  await shot(page, 'queued-recreate');

  // Cancel it, then ask again: a queued operation is the user's to withdraw.
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(queued).toHaveCount(0);
  await page.getByRole('button', { name: 'Recreate', exact: true }).click();
  dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: 'Recreate', exact: true }).click();
  await expect(queued).toBeVisible();

  await page.goto(`/agents/${stack.agentId}`);
  const card = page.getByRole('article', { name: `Server ${deleted.name}` }).first();
  await card.getByRole('button', { name: 'Restore', exact: true }).click();
  dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/servers/${deleted.id}$`));
  // The agent page stays on screen until the server page is ready to replace it.
  await expect(page.getByRole('heading', { level: 1, name: deleted.name })).toBeVisible();
  await expect(page.getByText('Queued — will run when the agent reconnects')).toBeVisible();

  stack.agent.start();
  await stack.waitForAgent('online');
  await expect(page.getByTestId('server-status')).toHaveText('Running', { timeout: 30_000 });
  await waitForStatus(stack.admin, missing.id, 'running', 30_000);

  for (const [i, server] of [missing, deleted].entries()) {
    expect(containersOfServer(server.id)).toHaveLength(1);
    expect(dataFingerprint(servers.dirOf(server), { ignore: ['data/boot.log'] })).toBe(
      fingerprints[i],
    );
  }
});
