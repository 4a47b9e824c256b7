import { getServer, waitForStatus } from './support/api';
import { containersOfServer, removeContainerForcibly } from './support/docker-cli';
import { dataFingerprint, readWorldFile } from './support/data-dir';
import { expect, test } from './fixtures';

// docs/design.md §3.6 auto-recreate: opted-in servers come back by themselves with their world; the
// default (manual) leaves a vanished container Missing for the user to decide.
test('autoRecreate on brings a removed container back by itself; off leaves it Missing', async ({
  page,
  stack,
  servers,
  signIn,
}) => {
  const auto = await servers.createRunning('auto-on', { autoRecreate: true });
  const manual = await servers.createRunning('auto-off');
  const world = readWorldFile(servers.dirOf(auto));
  const before = dataFingerprint(servers.dirOf(auto), { ignore: ['data/boot.log'] });

  await signIn(page);
  await page.goto(`/servers/${auto.id}`);
  removeContainerForcibly(auto.containerId!);
  removeContainerForcibly(manual.containerId!);

  await expect(page.getByTestId('server-status')).toHaveText('Running', { timeout: 30_000 });
  await expect
    .poll(async () => (await getServer(stack.admin, auto.id)).containerId, { timeout: 30_000 })
    .not.toBe(auto.containerId);
  await waitForStatus(stack.admin, auto.id, 'running', 30_000);
  expect(containersOfServer(auto.id)).toHaveLength(1);
  expect(readWorldFile(servers.dirOf(auto))).toBe(world);
  expect(dataFingerprint(servers.dirOf(auto), { ignore: ['data/boot.log'] })).toBe(before);

  await waitForStatus(stack.admin, manual.id, 'missing', 10_000);
  await page.waitForTimeout(3_000);
  expect((await getServer(stack.admin, manual.id)).status).toBe('missing');
  expect(containersOfServer(manual.id)).toHaveLength(0);
});
