import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { getServer, waitForStatus } from './support/api';
import { containersOfServer, removeContainerForcibly } from './support/docker-cli';
import { dataFingerprint, dirTree, readWorldFile } from './support/data-dir';
import { randomPorts } from './support/ports';

// Issue 13 §3: after a host lost its containers, Recover all brings every Missing server back
// with its own world, a few at a time; a server without data is skipped, never fresh-started.
test('Recover all recreates the Missing servers with their worlds and skips the one without data', async ({
  page,
  stack,
  servers,
  signIn,
  shot,
}) => {
  const kept = [
    await servers.createRunning('rec-a', randomPorts()),
    await servers.createRunning('rec-b', randomPorts()),
  ];
  const lost = await servers.createRunning('rec-nodata', randomPorts());
  const worlds = kept.map((s) => readWorldFile(servers.dirOf(s)));
  const prints = kept.map((s) => dataFingerprint(servers.dirOf(s), { ignore: ['data/boot.log'] }));
  for (const s of [...kept, lost])
    for (const id of containersOfServer(s.id)) removeContainerForcibly(id);
  // The disk holding one world is gone: that server must be skipped, not started empty.
  rmSync(path.join(servers.dirOf(lost), 'data'), { recursive: true, force: true });
  const lostTree = dirTree(servers.dirOf(lost));
  for (const s of [...kept, lost]) await waitForStatus(stack.admin, s.id, 'missing', 20_000);

  await signIn(page);
  const section = page.getByRole('region', { name: 'Agent e2e-host' });
  const button = section.getByRole('button', { name: 'Recover all (3)' });
  await expect(button).toBeVisible();
  await shot(page, 'recover-all-button');
  await button.click();

  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('2 at a time');
  await expect(confirm).toContainText('never started with a fresh world');
  await shot(page, 'recover-all-confirm');
  await confirm.getByRole('button', { name: 'Recover 3' }).click();

  const results = page.getByRole('dialog', { name: 'Recovering e2e-host' });
  await expect(results).toBeVisible();
  const rowOf = (name: string) => results.getByTestId('recover-row').filter({ hasText: name });
  await expect(rowOf(lost.name)).toContainText('Skipped: no world data');
  await shot(page, 'recover-all-progress');
  for (const s of kept) await expect(rowOf(s.name)).toContainText('Recovered', { timeout: 60_000 });
  await expect(results.getByTestId('recover-summary')).toHaveText('2 of 2 recovered · 1 skipped');
  await shot(page, 'recover-all-results');

  for (const [i, s] of kept.entries()) {
    expect((await getServer(stack.admin, s.id)).status).toBe('running');
    expect(containersOfServer(s.id)).toHaveLength(1);
    expect(readWorldFile(servers.dirOf(s))).toBe(worlds[i]);
    expect(dataFingerprint(servers.dirOf(s), { ignore: ['data/boot.log'] })).toBe(prints[i]);
  }
  expect((await getServer(stack.admin, lost.id)).status).toBe('missing');
  expect(containersOfServer(lost.id)).toHaveLength(0);
  expect(dirTree(servers.dirOf(lost))).toEqual(lostTree);

  await results.getByRole('button', { name: 'Close' }).click();
  await expect(section.getByRole('button', { name: 'Recover all (1)' })).toBeVisible();
});
