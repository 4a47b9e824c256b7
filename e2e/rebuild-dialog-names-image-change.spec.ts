import { expect, test } from './fixtures';
import { dataFingerprint, readWorldFile } from './support/data-dir';
import { containersOfServer, docker } from './support/docker-cli';
import { imageVariants } from './support/image-variants';
import { randomPorts } from './support/ports';
import { stackEnv } from './support/stack-env';

const short = (digest: string) => digest.slice(0, 'sha256:'.length + 12);

const variants = imageVariants();
// After the servers fixture has purged the server: its container no longer holds the image.
test.afterAll(() => variants.removeAll());

// Issue 13 §1: a rebuild whose tag now names another image than the one pinned says so in its
// confirmation, with both digests, before anything is replaced; cancelling changes nothing.
test('the rebuild dialog says the game image will change from the pinned digest to the tag’s new one', async ({
  page,
  servers,
  signIn,
  shot,
}) => {
  const pinned = variants.push(variants.tag);
  const server = await servers.createRunning('preview', {
    ...randomPorts(),
    image: stackEnv.image,
    imageTag: variants.tag,
  });
  expect(server).toMatchObject({ imageId: pinned, imageDigest: variants.digestOf(pinned) });
  const moved = variants.push(variants.tag);
  const dir = servers.dirOf(server);
  const world = readWorldFile(dir);
  const before = dataFingerprint(dir, { ignore: ['data/boot.log'] });
  const containers = containersOfServer(server.id);

  await signIn(page);
  await page.goto(`/servers/${server.id}`);
  await page.getByRole('button', { name: 'Rebuild', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: `Rebuild ${server.name}?` });
  await expect(dialog).toContainText(
    `Game image will change from ${short(server.imageDigest!)} to ${short(variants.digestOf(moved))}`,
  );
  await expect(dialog).toContainText('the snapshot taken first lets you roll back');
  await shot(page, 'rebuild-dialog-image-change');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(containersOfServer(server.id)).toEqual(containers);
  expect(docker('inspect', '--format', '{{.Image}}', containers[0]!)).toBe(pinned);
  expect(readWorldFile(dir)).toBe(world);
  expect(dataFingerprint(dir, { ignore: ['data/boot.log'] })).toEqual(before);
});
