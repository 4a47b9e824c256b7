import { useState } from 'react';
import { Password, type Role } from '@contract/http/auth';
import type { UserAccount } from '@contract/http/users';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/text-field';
import { useDeleteUser } from '../api/delete-user';
import { useResetPassword } from '../api/reset-password';
import { useUpdateUser } from '../api/update-user';

export type UserDialog =
  { kind: 'disable' } | { kind: 'delete' } | { kind: 'reset' } | { kind: 'demote'; role: Role };

/** The confirmations of a user row: each says what the step ends (their sessions) and keeps. */
export function UserDialogs({
  user,
  isSelf,
  dialog,
  onClose,
  onRefused,
}: {
  user: UserAccount;
  isSelf: boolean;
  dialog: UserDialog | null;
  onClose: () => void;
  onRefused: (err: unknown) => void;
}) {
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const reset = useResetPassword();
  const [newPassword, setNewPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string>();
  const signedOut = isSelf
    ? 'You will be signed out everywhere, this browser included.'
    : `${user.email} is signed out everywhere at their next request.`;
  const done = {
    onSuccess: onClose,
    onError: (err: unknown) => {
      onClose();
      onRefused(err);
    },
  };
  const openChange = (open: boolean) => {
    if (open) return;
    setNewPassword('');
    setPasswordError(undefined);
    onClose();
  };

  if (dialog?.kind === 'reset') {
    const submit = () => {
      const parsed = Password.safeParse(newPassword);
      if (!parsed.success) return setPasswordError(parsed.error.issues[0]?.message);
      reset.mutate(
        { userId: user.id, body: { newPassword: parsed.data } },
        {
          ...done,
          onSuccess: () => openChange(false),
        },
      );
    };
    return (
      <ConfirmDialog
        open
        onOpenChange={openChange}
        title={`Reset the password of ${user.email}`}
        description={<p>{signedOut} Give them the new password privately.</p>}
        confirmLabel="Set password"
        pending={reset.isPending}
        onConfirm={submit}
      >
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={setNewPassword}
          error={passwordError}
          hint="At least 12 characters."
        />
      </ConfirmDialog>
    );
  }
  if (dialog?.kind === 'disable')
    return (
      <ConfirmDialog
        open
        onOpenChange={openChange}
        tone="danger"
        title={`Disable ${user.email}?`}
        description={
          <p>
            {signedOut} They cannot sign in until enabled again. Their servers, operations and audit
            entries stay.
          </p>
        }
        confirmLabel="Disable"
        pending={update.isPending}
        onConfirm={() => update.mutate({ userId: user.id, body: { disabled: true } }, done)}
      />
    );
  if (dialog?.kind === 'delete')
    return (
      <ConfirmDialog
        open
        onOpenChange={openChange}
        tone="danger"
        title={`Delete ${user.email}?`}
        description={
          <p>
            {signedOut} The account is removed for good; the audit log keeps what they did. To only
            lock them out for now, disable them instead.
          </p>
        }
        confirmLabel="Delete user"
        pending={remove.isPending}
        onConfirm={() => remove.mutate(user.id, done)}
      />
    );
  if (dialog?.kind === 'demote')
    return (
      <ConfirmDialog
        open
        onOpenChange={openChange}
        title={`Make ${user.email} ${dialog.role}?`}
        description={<p>{signedOut} They sign in again with fewer rights.</p>}
        confirmLabel={`Make ${dialog.role}`}
        pending={update.isPending}
        onConfirm={() => update.mutate({ userId: user.id, body: { role: dialog.role } }, done)}
      />
    );
  return null;
}
