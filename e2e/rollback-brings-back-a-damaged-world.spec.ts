import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ApiErrorBody, apiPaths } from '@contract/index';
import { expect, test } from './fixtures';
import { randomPorts } from './support/ports';
import { waitForIdle, waitForStatus } from './support/api';
import { readWorldFile } from './support/data-dir';
import { containersOfServer, removeContainerForcibly } from './support/docker-cli';
import { listSnapshots, waitForHealthyFingerprint } from './support/snapshots';

// Issue 12: snapshot → the world is damaged (Saves/ emptied) and the container lost → recreate
// is refused with both fingerprints shown → roll back → the original world is back and runs.
test('a damaged world is refused with both fingerprints, and a rollback brings the original back', async ({
  page,
  stack,
  servers,
  signIn,
  shot,
}) => {
  const server = await servers.createRunning('rollback', randomPorts());
  const dir = servers.dirOf(server);
  const world = readWorldFile(dir);
  await waitForHealthyFingerprint(stack.admin, server.id);

  await signIn(page);
  await page.goto(`/servers/${server.id}`);
  const section = page.getByRole('region', { name: 'Snapshots' });
  await section.getByRole('button', { name: 'Snapshot now' }).click();
  const manual = section.getByRole('row', { name: /Manual/ });
  await expect(manual).toContainText('Ready', { timeout: 30_000 });
  await expect(manual).toContainText('Verified');
  await shot(page, 'snapshots-section');

  // The damage: every save gone (an empty Saves/ left behind), then the container too.
  const saves = path.join(dir, 'data', 'Saves');
  rmSync(saves, { recursive: true, force: true });
  mkdirSync(saves);
  removeContainerForcibly(server.containerId!);
  const status = page.getByTestId('server-status');
  await expect(status).toHaveText('Missing', { timeout: 15_000 });

  // The manager refuses on its own, with both fingerprints…
  const refused = await stack.admin.post(
    apiPaths.serverAction(stack.agentId, server.id, 'recreate'),
    {
      data: {},
    },
  );
  expect(refused.status()).toBe(409);
  const body = ApiErrorBody.parse(await refused.json());
  expect(body.error.code).toBe('DATA_DIVERGED');
  expect(body.error.details).toMatchObject({
    healthy: { hasSaves: true },
    current: { hasSaves: false },
  });

  // …and the dashboard shows them side by side instead of a "data preserved" confirmation.
  await page.getByRole('button', { name: 'Recreate', exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('has shrunk');
  const compare = dialog.getByTestId('fingerprint-compare');
  await expect(compare.getByRole('row', { name: /Saves/ })).toContainText('has files');
  await expect(compare.getByRole('row', { name: /Saves/ })).toContainText('empty or missing');
  await shot(page, 'data-diverged-dialog');

  await dialog.getByRole('button', { name: 'Roll back to the latest snapshot' }).click();
  await expect(dialog).toHaveCount(0);
  await waitForIdle(stack.admin, server.id);
  expect(readWorldFile(dir)).toBe(world);
  // Without a container a rollback restores the data and leaves the server Missing.
  await expect(status).toHaveText('Missing');
  await expect(section.getByRole('row', { name: /Before rollback/ })).toContainText('Ready');
  await shot(page, 'after-rollback');

  await page.getByRole('button', { name: 'Recreate', exact: true }).click();
  await expect(dialog).toContainText('World saves and player data will be preserved');
  await dialog.getByRole('button', { name: 'Recreate', exact: true }).click();
  await expect(status).toHaveText('Running', { timeout: 30_000 });
  await waitForStatus(stack.admin, server.id, 'running');
  expect(readWorldFile(dir)).toBe(world);
  expect(containersOfServer(server.id)).toHaveLength(1);
  const reasons = (await listSnapshots(stack.admin, server.id)).map((s) => s.reason);
  expect(reasons).toEqual(expect.arrayContaining(['manual', 'before-rollback']));
});
