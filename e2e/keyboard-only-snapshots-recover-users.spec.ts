import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ListUsersResponse, apiPaths } from '@contract/index';
import { getServer, waitForIdle, waitForStatus } from './support/api';
import { containersOfServer, removeContainerForcibly } from './support/docker-cli';
import { dataFingerprint, readWorldFile } from './support/data-dir';
import { focusIsInside, signInWithKeyboard, tabTo } from './support/keyboard';
import { randomPorts } from './support/ports';
import { listSnapshots, waitForHealthyFingerprint } from './support/snapshots';
import { expect, test } from './fixtures';

// Issue 15: the flows that came after the recovery ones, with the keyboard alone (page.keyboard
// only, no clicks; page.goto stands for typing an address), a visible focus ring at every stop,
// focus back on the opener after a dialog, and Escape changing nothing.

const announcements = (page: Page) => page.getByRole('log', { name: 'Announcements' });
const worldFile = (dir: string) => path.join(dir, 'data', 'Saves', 'Multiplayer', 'world.txt');

test('keyboard only: take a snapshot, Escape out of the rollback, then roll back to it', async ({
  page,
  stack,
  servers,
}) => {
  const server = await servers.createRunning('kbd-snap', randomPorts());
  const dir = servers.dirOf(server);
  const world = readWorldFile(dir);
  await waitForHealthyFingerprint(stack.admin, server.id);

  await signInWithKeyboard(page);
  await page.goto(`/servers/${server.id}`);
  const section = page.getByRole('region', { name: 'Snapshots' });
  const snapshotNow = section.getByRole('button', { name: 'Snapshot now' });
  await tabTo(page, snapshotNow);
  await page.keyboard.press('Enter');
  const manual = section.getByRole('row', { name: /Manual/ });
  await expect(manual).toContainText('Ready', { timeout: 30_000 });
  await expect(manual).toContainText('Verified');
  await waitForIdle(stack.admin, server.id);

  // Play goes on after the snapshot: the world changes, and the rollback must undo exactly that.
  writeFileSync(worldFile(dir), `${world}\nplayed after the snapshot\n`);
  const played = dataFingerprint(dir, { ignore: ['data/boot.log'] });

  const rollback = manual.getByRole('button', { name: /^Roll back to the snapshot/ });
  await tabTo(page, rollback);
  await page.keyboard.press('Space');
  const dialog = page.getByRole('alertdialog', { name: `Roll back ${server.name}?` });
  await expect(dialog).toContainText('Before rollback');
  for (let i = 0; i < 5; i++) {
    expect(await focusIsInside(dialog)).toBe(true);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(rollback).toBeFocused();
  const untouched = await getServer(stack.admin, server.id);
  expect(untouched.status).toBe('running');
  expect(untouched.activeOperation).toBeNull();
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(played);
  expect(await listSnapshots(stack.admin, server.id)).toHaveLength(1);

  await page.keyboard.press('Enter');
  await expect(dialog).toContainText('Before rollback');
  await tabTo(page, dialog.getByRole('button', { name: 'Roll back', exact: true }));
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  // Focus goes back to the opener, or to the section while the rollback disables it.
  expect(await focusIsInside(section)).toBe(true);

  await expect(section.getByRole('row', { name: /Before rollback/ })).toContainText('Ready', {
    timeout: 60_000,
  });
  await expect(announcements(page)).toContainText('Roll back finished', { timeout: 60_000 });
  await waitForStatus(stack.admin, server.id, 'running');
  await expect(page.getByTestId('server-status')).toHaveText('Running');
  expect(readWorldFile(dir)).toBe(world);
  expect(containersOfServer(server.id)).toHaveLength(1);
  const reasons = (await listSnapshots(stack.admin, server.id)).map((s) => s.reason).sort();
  expect(reasons).toEqual(['before-rollback', 'manual']);
});

test('keyboard only: Recover all from the agent page, Escape first changes nothing', async ({
  page,
  stack,
  servers,
}) => {
  const server = await servers.createRunning('kbd-recover', randomPorts());
  const dir = servers.dirOf(server);
  const world = readWorldFile(dir);
  const before = dataFingerprint(dir, { ignore: ['data/boot.log'] });
  removeContainerForcibly(server.containerId!);
  await waitForStatus(stack.admin, server.id, 'missing', 20_000);

  await signInWithKeyboard(page);
  await page.goto(`/agents/${stack.agentId}`);
  const recoverAll = page.getByRole('button', { name: 'Recover all (1)' });
  await tabTo(page, recoverAll);
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('never started with a fresh world');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(recoverAll).toBeFocused();
  const untouched = await getServer(stack.admin, server.id);
  expect(untouched.status).toBe('missing');
  expect(untouched.activeOperation).toBeNull();
  expect(containersOfServer(server.id)).toHaveLength(0);
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(before);

  await page.keyboard.press('Enter');
  await tabTo(page, confirm.getByRole('button', { name: 'Recover 1' }));
  await page.keyboard.press('Enter');
  const results = page.getByRole('dialog', { name: /^Recovering / });
  await expect(results).toBeVisible();
  expect(await focusIsInside(results)).toBe(true);
  const row = results.getByTestId('recover-row').filter({ hasText: server.name });
  await expect(row).toContainText('Recovered', { timeout: 60_000 });
  await expect(results.getByTestId('recover-summary')).toHaveText('1 of 1 recovered');
  await tabTo(page, results.getByRole('button', { name: 'Close' }));
  await page.keyboard.press('Enter');
  await expect(results).toHaveCount(0);
  // The opener is gone (nothing is Missing any more): focus goes to the page, not off it.
  await expect(page.getByRole('main')).toBeFocused();

  await waitForStatus(stack.admin, server.id, 'running');
  expect(containersOfServer(server.id)).toHaveLength(1);
  expect(readWorldFile(dir)).toBe(world);
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(before);
});

test('keyboard only: add a user, promote them, Escape out of a demotion, then demote', async ({
  page,
  stack,
}) => {
  const email = `kbd-${Date.now().toString(36)}@e2e.zedops.local`;
  const roleOf = async () => {
    const res = await stack.admin.get(apiPaths.users);
    return ListUsersResponse.parse(await res.json()).users.find((u) => u.email === email)?.role;
  };

  await signInWithKeyboard(page);
  await page.goto('/users');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
  await tabTo(page, page.getByLabel('Email'));
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Initial password')).toBeFocused();
  await page.keyboard.type('a-long-enough-password');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Role', { exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Add user' })).toBeFocused();
  await page.keyboard.press('Enter');
  const select = page.getByLabel(`Role of ${email}`);
  await expect(select).toHaveValue('viewer');
  expect(await roleOf()).toBe('viewer');

  // A promotion applies at once; the arrow keys move through a closed select's options
  // (admin, operator, viewer), firing a change on each step.
  await tabTo(page, select);
  await page.keyboard.press('ArrowUp');
  await expect(select).toHaveValue('operator');
  await expect.poll(roleOf).toBe('operator');

  await page.keyboard.press('ArrowDown');
  const dialog = page.getByRole('alertdialog', { name: `Make ${email} viewer?` });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(select).toBeFocused();
  await expect(select).toHaveValue('operator');
  expect(await roleOf()).toBe('operator');

  await page.keyboard.press('ArrowDown');
  await tabTo(page, dialog.getByRole('button', { name: 'Make viewer' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect.poll(roleOf).toBe('viewer');
  await expect(select).toHaveValue('viewer');
  await expect(select).toBeFocused();
});
