import { apiPaths, ApiErrorBody, ListServersResponse } from '@contract/index';
import { docker } from './support/docker-cli';
import { dataFingerprint, dirTree, readWorldFile } from './support/data-dir';
import { stackEnv } from './support/stack-env';
import { expect, test } from './fixtures';

// Issue 9 item 1 on real Docker: a second server whose folder would sit inside the first one's
// (the first one's data/ folder, or beside it) is refused, and nothing is written there.
test('a server nested in another server’s folder is refused with DATA_PATH_OVERLAP; that folder is untouched', async ({
  page,
  stack,
  servers,
  signIn,
  shot,
}) => {
  const outer = await servers.createRunning('outer');
  const dir = servers.dirOf(outer);
  const world = readWorldFile(dir);
  // boot.log gets one line per boot of the fake game; the container is not rebooted here.
  const fingerprint = dataFingerprint(dir, { ignore: ['data/boot.log'] });
  const tree = dirTree(dir);
  const suffix = Math.random().toString(36).slice(2, 6);

  // Through the API, as the dashboard sends it: JSON body, session cookie.
  for (const [label, serverDataPath] of [
    ['in-data', `${dir}/data`],
    ['beside', dir],
  ]) {
    const name = `${stackEnv.serverPrefix}${label}-${suffix}`;
    const res = await stack.admin.post(apiPaths.agentServers(stack.agentId), {
      data: { name, imageTag: 'latest', serverDataPath },
    });
    expect(res.status(), await res.text()).toBe(409);
    expect(ApiErrorBody.parse(await res.json()).error).toMatchObject({
      code: 'DATA_PATH_OVERLAP',
      details: { serverId: outer.id, serverName: outer.name, path: dir },
    });
    expect(docker('ps', '-aq', '--filter', `name=^steam-zomboid-${name}$`)).toBe('');
  }

  // The dashboard's create form shows the refusal under the data path field.
  await signIn(page);
  await page.goto(`/agents/${stack.agentId}/servers/new`);
  await page.getByLabel('Name', { exact: true }).fill(`${stackEnv.serverPrefix}form-${suffix}`);
  const dataPath = page.getByLabel('Data path (optional)');
  await dataPath.fill(`${dir}/data`);
  await page.getByRole('button', { name: 'Create server' }).click();
  await expect(dataPath).toHaveAttribute('aria-invalid', 'true');
  await expect(dataPath).toHaveAccessibleDescription(
    new RegExp(`overlaps the folder of server ${outer.name} \\(${escapeRegExp(dir)}\\)`),
  );
  await expect(page).toHaveURL(/\/servers\/new$/);
  await shot(page, 'create-refused-overlap');

  // A folder outside the agent's allowed roots (only its --data-path here) is refused as well.
  await dataPath.fill('/home/e2e');
  await page.getByRole('button', { name: 'Create server' }).click();
  await expect(dataPath).toHaveAccessibleDescription(
    new RegExp(`/home/e2e/${stackEnv.serverPrefix}form-${suffix} is outside the data roots`),
  );
  await shot(page, 'create-refused-not-allowed');

  const listed = ListServersResponse.parse(
    await (await stack.admin.get(apiPaths.agentServers(stack.agentId))).json(),
  );
  expect(listed.servers.filter((s) => s.name.endsWith(`-${suffix}`))).toEqual([]);
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toBe(fingerprint);
  expect(dirTree(dir)).toEqual(tree);
  expect(readWorldFile(dir)).toBe(world);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
