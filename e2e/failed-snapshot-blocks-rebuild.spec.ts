import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { randomPorts } from './support/ports';
import { getServer, waitForIdle } from './support/api';
import { bootCount, dataFingerprint } from './support/data-dir';
import { containersOfServer } from './support/docker-cli';
import { listSnapshots, snapshotDirOf } from './support/snapshots';

// Issue 12: if the automatic snapshot before a rebuild fails, the rebuild does not run: the
// operation fails with SNAPSHOT_FAILED and the container (same id) and the world are untouched.
test('a failing automatic snapshot blocks the rebuild and leaves the container untouched', async ({
  page,
  stack,
  servers,
  signIn,
  shot,
}) => {
  const server = await servers.createRunning('snap-fails', randomPorts());
  const dir = servers.dirOf(server);
  // The snapshot folder is a regular file: no write into it can succeed, not even as root.
  const snapshotDir = snapshotDirOf(server.name);
  mkdirSync(path.dirname(snapshotDir), { recursive: true });
  rmSync(snapshotDir, { recursive: true, force: true });
  writeFileSync(snapshotDir, 'not a folder\n');
  const before = dataFingerprint(dir, { ignore: ['data/boot.log'] });
  const boots = bootCount(dir);

  try {
    await signIn(page);
    await page.goto(`/servers/${server.id}`);
    await page.getByRole('button', { name: 'Rebuild', exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Rebuild', exact: true }).click();

    const notifications = page.getByRole('region', { name: 'Notifications' });
    await expect(notifications.filter({ hasText: 'Rebuild failed' })).toContainText(
      'SNAPSHOT_FAILED',
      { timeout: 30_000 },
    );
    await shot(page, 'snapshot-failed-rebuild');

    const after = await waitForIdle(stack.admin, server.id);
    expect(after.status).toBe('running');
    expect(after.containerId).toBe(server.containerId);
    expect(containersOfServer(server.id)).toEqual([server.containerId]);
    expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(before);
    expect(bootCount(dir)).toBe(boots); // not even restarted
    expect((await getServer(stack.admin, server.id)).activeOperation).toBeNull();
    const ready = (await listSnapshots(stack.admin, server.id)).filter((s) => s.status === 'ready');
    expect(ready).toEqual([]);
  } finally {
    rmSync(snapshotDir, { force: true });
  }
});
