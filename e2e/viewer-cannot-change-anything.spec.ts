import { waitForStatus } from './support/api';
import { removeContainerForcibly } from './support/docker-cli';
import { expect, test } from './fixtures';

const mutating = ['Recreate', 'Start', 'Stop', 'Restart', 'Rebuild', 'Delete', 'Restore', 'Purge'];

// A viewer sees everything and can change nothing: no enabled mutating action anywhere.
test('a viewer finds no enabled mutating action on any page', async ({
  page,
  stack,
  servers,
  signIn,
}) => {
  const running = await servers.createRunning('view-run');
  const missing = await servers.createRunning('view-miss');
  removeContainerForcibly(missing.containerId!);
  await waitForStatus(stack.admin, missing.id, 'missing', 10_000);

  await signIn(page, 'viewer');
  for (const url of [
    '/',
    `/agents/${stack.agentId}`,
    `/servers/${running.id}`,
    `/servers/${missing.id}`,
  ]) {
    await page.goto(url);
    await expect(page.getByRole('main')).toBeVisible();
    await page.waitForLoadState('networkidle');
    for (const name of mutating) {
      const buttons = page.getByRole('button', { name, exact: true });
      for (const button of await buttons.all())
        await expect(button, `${name} on ${url}`).toBeDisabled();
    }
  }
});
