import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { getServer, waitForIdle, waitForStatus } from './support/api';
import { scanWithAxe, describeViolations, type AxeScan } from './support/axe';
import { containersOfServer, removeContainerForcibly } from './support/docker-cli';
import { dataFingerprint } from './support/data-dir';
import { randomPorts } from './support/ports';
import { listSnapshots, waitForHealthyFingerprint } from './support/snapshots';
import { expect, test } from './fixtures';

// Issue 15, the screens that came with snapshots and Recover all: axe-core on each, in the
// state that shows it. Serious and critical violations fail; the others are printed and summed
// in the artifacts. Setup (and opening dialogs) uses the mouse: this spec is about what axe sees.
test('the snapshot, rollback, data-diverged, rebuild and recover screens have no serious or critical axe violation', async ({
  page,
  stack,
  servers,
  signIn,
  shot,
}) => {
  const server = await servers.createRunning('axe-snap', randomPorts());
  const dir = servers.dirOf(server);
  // A second server whose container goes while its world stays whole: Recover all brings it back.
  const intact = await servers.createRunning('axe-intact', randomPorts());
  const intactDir = servers.dirOf(intact);
  const intactBefore = dataFingerprint(intactDir, { ignore: ['data/boot.log'] });
  await waitForHealthyFingerprint(stack.admin, server.id);
  const scans: AxeScan[] = [];
  const scan = async (screen: string) => {
    scans.push(await scanWithAxe(page, screen));
    await shot(page, `axe-${screen.replace(/\W+/g, '-')}`);
  };
  const dialog = page.getByRole('alertdialog');
  const cancel = async () => {
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  };

  await signIn(page);
  await page.goto(`/servers/${server.id}`);
  const section = page.getByRole('region', { name: 'Snapshots' });
  await section.getByRole('button', { name: 'Snapshot now' }).click();
  const manual = section.getByRole('row', { name: /Manual/ });
  await expect(manual).toContainText('Ready', { timeout: 30_000 });
  await expect(manual).toContainText('Verified');
  await settled(page);
  await scan('snapshots section (ready)');
  // From here on the user only looks and cancels: the world must stay as the snapshot left it.
  const before = dataFingerprint(dir, { ignore: ['data/boot.log'] });

  await manual.getByRole('button', { name: /^Roll back to the snapshot/ }).click();
  await expect(dialog).toContainText('Before rollback');
  await expect(dialog).not.toContainText('being measured');
  await scan('rollback dialog');
  await cancel();

  await manual.getByRole('button', { name: /^Delete the snapshot/ }).click();
  await expect(dialog.getByRole('button', { name: 'Delete snapshot' })).toBeVisible();
  await scan('delete snapshot dialog');
  await cancel();

  await page.getByRole('button', { name: 'Rebuild', exact: true }).click();
  await expect(dialog).toContainText('snapshot');
  await scan('rebuild dialog');
  await cancel();
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(before);

  // The damage (every save gone, an empty Saves/ left), then the container: Recreate is refused.
  const saves = path.join(dir, 'data', 'Saves');
  rmSync(saves, { recursive: true, force: true });
  mkdirSync(saves);
  removeContainerForcibly(server.containerId!);
  await expect(page.getByTestId('server-status')).toHaveText('Missing', { timeout: 15_000 });
  const damaged = dataFingerprint(dir, { ignore: ['data/boot.log'] });
  await page.getByRole('button', { name: 'Recreate', exact: true }).click();
  await expect(dialog).toContainText('has shrunk');
  await expect(dialog.getByTestId('fingerprint-compare')).toContainText('empty or missing');
  await scan('data-diverged dialog');
  await cancel();

  // The agent page offers Recover all: the intact world comes back, the damaged one is refused.
  removeContainerForcibly(intact.containerId!);
  await waitForStatus(stack.admin, intact.id, 'missing', 20_000);
  await page.goto(`/agents/${stack.agentId}`);
  const recoverAll = page.getByRole('button', { name: 'Recover all (2)' });
  await expect(recoverAll).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: /Issues/ })
      .getByRole('article', { name: `Server ${server.name}` }),
  ).toBeVisible();
  await scan('agent page (Recover all)');
  await recoverAll.click();
  await expect(dialog).toContainText('never started with a fresh world');
  await scan('recover all confirm dialog');
  await dialog.getByRole('button', { name: 'Recover 2' }).click();
  const results = page.getByRole('dialog', { name: /^Recovering / });
  const rowOf = (name: string) => results.getByTestId('recover-row').filter({ hasText: name });
  await expect(rowOf(server.name)).toContainText('Skipped: world data shrank');
  await expect(rowOf(intact.name)).toContainText('Recovered', { timeout: 60_000 });
  await expect(results.getByTestId('recover-summary')).toHaveText('1 of 1 recovered · 1 skipped');
  await waitForIdle(stack.admin, server.id);
  await scan('recover all results');

  const after = await getServer(stack.admin, server.id);
  expect(after.status).toBe('missing');
  expect(containersOfServer(server.id)).toHaveLength(0);
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(damaged);
  expect((await listSnapshots(stack.admin, server.id)).map((s) => s.reason)).toEqual(['manual']);
  await waitForStatus(stack.admin, server.id, 'missing');
  await waitForStatus(stack.admin, intact.id, 'running');
  expect(containersOfServer(intact.id)).toHaveLength(1);
  expect(dataFingerprint(intactDir, { ignore: ['data/boot.log'] })).toBe(intactBefore);

  for (const s of scans) expect.soft(describeViolations(s.blocking), s.screen).toBe('');
});

/** The server page's slower parts (activity, data banner) have loaded. */
async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('list', { name: 'Recent activity' })).toBeVisible();
  await expect(
    page.getByText(/^(World data (present|not checked)|No world data found)$/).first(),
  ).toBeVisible();
}
