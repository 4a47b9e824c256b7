import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockDb } from '@mocks/db';
import { fixtureUsers } from '@mocks/fixtures';
import { renderApp } from '@/testing/render-app';

describe('Account page', () => {
  it('a wrong current password is shown under that field and changes nothing', async () => {
    const { user } = renderApp('/account', { role: 'viewer' });
    await user.type(await screen.findByLabelText('Current password'), 'not-my-password');
    await user.type(screen.getByLabelText('New password'), 'brand-new-password');
    await user.type(screen.getByLabelText('Repeat the new password'), 'brand-new-password');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('The current password is wrong')).toBeInTheDocument();
  });

  it('the generated-password banner shows on every page until the password is changed', async () => {
    mockDb.setGeneratedPassword(fixtureUsers.admin.id, true);
    const { user } = renderApp('/');
    expect(await screen.findByText(/still using the generated admin password/)).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Change it' }));
    await user.type(await screen.findByLabelText('Current password'), fixtureUsers.admin.password);
    await user.type(screen.getByLabelText('New password'), 'chosen-by-me-now');
    await user.type(screen.getByLabelText('Repeat the new password'), 'chosen-by-me-too');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('the two new passwords differ')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Repeat the new password'));
    await user.type(screen.getByLabelText('Repeat the new password'), 'chosen-by-me-now');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Password changed')).toBeInTheDocument();
    expect(screen.queryByText(/still using the generated admin password/)).not.toBeInTheDocument();
  });
});
