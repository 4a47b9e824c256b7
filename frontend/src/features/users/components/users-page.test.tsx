import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockDb } from '@mocks/db';
import { fixtureUsers } from '@mocks/fixtures';
import { renderApp } from '@/testing/render-app';

const rowOf = async (email: string) =>
  (await within(await screen.findByRole('table')).findByText(email)).closest('tr')!;

describe('Users page (admin)', () => {
  it('lists every user with role, status and last sign-in', async () => {
    renderApp('/users');
    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeInTheDocument();
    const row = await rowOf(fixtureUsers.operator.email);
    expect(within(row).getByRole('combobox', { name: /Role of/ })).toHaveValue('operator');
    expect(within(row).getByText('Active')).toBeInTheDocument();
    expect(within(row).getByText(/ago/)).toBeInTheDocument();
  });

  it('adds a user; a short password is refused before anything is sent', async () => {
    const { user } = renderApp('/users');
    await user.type(await screen.findByLabelText('Email'), 'new@zedops.local');
    await user.type(screen.getByLabelText('Initial password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Add user' }));
    expect(
      await screen.findByText(/at least 12 characters/, { selector: '[role=alert]' }),
    ).toBeInTheDocument();
    await user.type(screen.getByLabelText('Initial password'), '-but-longer-now');
    await user.click(screen.getByRole('button', { name: 'Add user' }));
    expect(await rowOf('new@zedops.local')).toBeInTheDocument();
  });

  it('disabling asks first, says the user is signed out, then shows Disabled', async () => {
    const { user } = renderApp('/users');
    const row = await rowOf(fixtureUsers.operator.email);
    await user.click(within(row).getByRole('button', { name: 'Disable' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('signed out everywhere');
    await user.click(within(dialog).getByRole('button', { name: 'Disable' }));
    expect(await within(row).findByText('Disabled')).toBeInTheDocument();
    expect(mockDb.users().find((u) => u.email === fixtureUsers.operator.email)?.disabled).toBe(
      true,
    );
  });

  it('the only admin cannot be demoted, disabled or deleted, and the page says why', async () => {
    renderApp('/users');
    const row = await rowOf(fixtureUsers.admin.email);
    expect(within(row).getByRole('button', { name: 'Disable' })).toBeDisabled();
    expect(within(row).getByRole('button', { name: 'Delete' })).toBeDisabled();
    expect(within(row).getByRole('combobox')).toBeDisabled();
    expect(within(row).getByText(/Last active admin: make another user admin/)).toBeVisible();
  });

  it('a LAST_ADMIN refusal from the manager is explained on the row', async () => {
    const second = mockDb.createUser(
      { email: 'second@zedops.local', password: 'second-admin-pw', role: 'admin' },
      'test',
    );
    const { user } = renderApp('/users');
    const row = await rowOf('second@zedops.local');
    await user.click(within(row).getByRole('button', { name: 'Delete' }));
    // Meanwhile the other admin was disabled elsewhere: this one is now the last.
    mockDb.updateUser(fixtureUsers.admin.id, { disabled: true }, 'elsewhere');
    mockDb.signInAs('admin');
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete user' }));
    expect(await within(row).findByRole('alert')).toHaveTextContent('last active admin');
    expect(mockDb.users().some((u) => u.id === second.id)).toBe(true);
  });

  it('is for admins only', async () => {
    renderApp('/users', { role: 'operator' });
    expect(await screen.findByText('Only admins manage users.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
  });
});
