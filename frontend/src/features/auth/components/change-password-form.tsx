import { useState, type FormEvent } from 'react';
import { ChangePasswordRequest, minPasswordLength } from '@contract/http/auth';
import { Button } from '@/components/ui/button';
import { Notice } from '@/components/ui/notice';
import { TextField } from '@/components/ui/text-field';
import { errorMessage, isApiError } from '@/lib/api-client';
import { useChangePassword } from '../api/change-password';

type Field = 'currentPassword' | 'newPassword' | 'repeat' | 'form';

/** The signed-in user's own password: current one, then the new one twice. */
export function ChangePasswordForm() {
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', repeat: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const change = useChangePassword();
  const set = (field: keyof typeof values) => (value: string) =>
    setValues((v) => ({ ...v, [field]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = ChangePasswordRequest.safeParse({
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    const found: Partial<Record<Field, string>> = {};
    if (!parsed.success)
      for (const issue of parsed.error.issues) found[issue.path[0] as Field] ??= issue.message;
    if (values.repeat !== values.newPassword) found.repeat = 'the two new passwords differ';
    setErrors(found);
    if (!parsed.success || found.repeat) return;
    change.mutate(parsed.data, {
      onSuccess: () => setValues({ currentPassword: '', newPassword: '', repeat: '' }),
      onError: (err) =>
        setErrors(
          isApiError(err, 'VALIDATION_FAILED') && err.details?.field === 'currentPassword'
            ? { currentPassword: err.message }
            : { form: errorMessage(err) },
        ),
    });
  };

  return (
    <form onSubmit={submit} noValidate className="max-w-md space-y-4">
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={values.currentPassword}
        onChange={set('currentPassword')}
        error={errors.currentPassword}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={values.newPassword}
        onChange={set('newPassword')}
        error={errors.newPassword}
        hint={`At least ${minPasswordLength} characters.`}
      />
      <TextField
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        value={values.repeat}
        onChange={set('repeat')}
        error={errors.repeat}
      />
      {errors.form ? (
        <Notice tone="danger" role="alert" title="Password not changed">
          {errors.form}
        </Notice>
      ) : null}
      {change.isSuccess ? (
        <Notice tone="success" role="status" title="Password changed">
          Your other sessions were signed out; this one stays signed in.
        </Notice>
      ) : null}
      <Button type="submit" variant="primary" disabled={change.isPending}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </Button>
    </form>
  );
}
