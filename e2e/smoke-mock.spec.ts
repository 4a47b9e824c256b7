import { expect, test } from '@playwright/test';

// The dashboard on MSW (npm run dev:mock): log in, open a missing server, recreate it, see it run.
test('mocked dashboard: sign in, recreate a missing server, see it running', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('admin@zedops.local');
  await page.getByLabel('Password').fill('admin-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('article', { name: 'Server charlie' })).toBeVisible();

  await page.goto('/servers/srv-missing');
  const status = page.getByTestId('server-status');
  await expect(status).toHaveText('Missing');
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();

  await page.getByRole('button', { name: 'Recreate', exact: true }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('World saves and player data will be preserved');
  await dialog.getByRole('button', { name: 'Recreate', exact: true }).click();
  await expect(status).toHaveText('Running', { timeout: 20_000 });
});
