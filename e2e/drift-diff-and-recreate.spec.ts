import { handStartedRunArgs } from '@contract/testing/hand-started-run';
import { expect, test } from './fixtures';
import { containersOfServer, docker, removeContainerForcibly } from './support/docker-cli';
import { dataFingerprint, readWorldFile } from './support/data-dir';
import { randomPorts } from './support/ports';
import { stackEnv } from './support/stack-env';

// Issue 13 §2: a container started by hand with another port is shown as Drifted, with the
// difference; Recreate replaces it with one built from the stored config and the world stays.
test('a hand-started container on another port shows its drift, and Recreate puts it right', async ({
  page,
  servers,
  signIn,
  shot,
}) => {
  const server = await servers.createRunning('drift', randomPorts());
  const dir = servers.dirOf(server);
  const world = readWorldFile(dir);
  const before = dataFingerprint(dir, { ignore: ['data/boot.log'] });
  const [original] = containersOfServer(server.id);
  const env = (JSON.parse(docker('inspect', original!))[0].Config.Env as string[]).filter(
    (e) => !e.startsWith('PATH='),
  );
  removeContainerForcibly(original!);
  const otherPort = randomPorts().gamePort;
  docker(
    ...handStartedRunArgs(server, {
      dataPath: stackEnv.serverDataPath,
      image: `${stackEnv.image}:latest`,
      env,
      hostGamePort: otherPort,
    }),
  );

  await signIn(page);
  await page.goto(`/servers/${server.id}`);
  await expect(page.getByTestId('server-status')).toHaveText('Running');
  await expect(page.getByTestId('server-drifted')).toHaveText('Drifted', { timeout: 15_000 });
  const diff = page.getByRole('table', { name: 'Drift', exact: true });
  const ports = diff.getByRole('row', { name: /Published ports/ });
  await expect(ports).toContainText(`${server.gamePort}:${server.gamePort}/udp`);
  await expect(ports).toContainText(`${otherPort}:${server.gamePort}/udp`);
  await shot(page, 'drift-diff');

  await page.getByRole('button', { name: 'Recreate', exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('World saves and player data will be preserved');
  await expect(dialog.getByRole('table', { name: 'Drift', exact: true })).toBeVisible();
  await shot(page, 'drift-recreate-dialog');
  await dialog.getByRole('button', { name: 'Replace container' }).click();

  await expect(page.getByTestId('server-drifted')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('server-status')).toHaveText('Running');
  await expect(page.getByRole('table', { name: 'Drift', exact: true })).toHaveCount(0);
  await shot(page, 'drift-cleared');

  const containers = containersOfServer(server.id);
  expect(containers).toHaveLength(1);
  const bindings = JSON.parse(docker('inspect', containers[0]!))[0].HostConfig.PortBindings;
  expect(bindings[`${server.gamePort}/udp`][0].HostPort).toBe(String(server.gamePort));
  expect(readWorldFile(dir)).toBe(world);
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(before);
});
