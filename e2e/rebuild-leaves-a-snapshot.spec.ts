import { expect, test } from './fixtures';
import { randomPorts } from './support/ports';
import { waitForStatus } from './support/api';
import { readWorldFile } from './support/data-dir';
import { containersOfServer } from './support/docker-cli';
import { listSnapshots } from './support/snapshots';

// Issue 12: every rebuild archives the world first; the snapshot is listed, ready and verified.
test('a rebuild leaves a verified before-rebuild snapshot', async ({
  page,
  stack,
  servers,
  signIn,
  shot,
}) => {
  const server = await servers.createRunning('rebuild-snap', randomPorts());
  const dir = servers.dirOf(server);
  const world = readWorldFile(dir);

  await signIn(page);
  await page.goto(`/servers/${server.id}`);
  await page.getByRole('button', { name: 'Rebuild', exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('snapshot');
  await shot(page, 'rebuild-dialog');
  await dialog.getByRole('button', { name: 'Rebuild', exact: true }).click();

  const after = await waitForStatus(stack.admin, server.id, 'running');
  expect(after.containerId).not.toBe(server.containerId);
  expect(containersOfServer(server.id)).toEqual([after.containerId]);
  expect(readWorldFile(dir)).toBe(world);

  const snapshots = await listSnapshots(stack.admin, server.id);
  expect(snapshots).toEqual([
    expect.objectContaining({ reason: 'before-rebuild', status: 'ready', verified: true }),
  ]);
  const row = page.getByRole('region', { name: 'Snapshots' }).getByRole('row', {
    name: /Before rebuild/,
  });
  await expect(row).toContainText('Ready');
  await expect(row).toContainText('Verified');
  await shot(page, 'snapshot-after-rebuild');
});
