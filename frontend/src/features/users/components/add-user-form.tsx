import { useState, type FormEvent } from 'react';
import { Role } from '@contract/http/auth';
import { CreateUserRequest } from '@contract/http/users';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { errorMessage, isApiError } from '@/lib/api-client';
import { useCreateUser } from '../api/create-user';
import { RoleSelect } from './role-select';

type Errors = Partial<Record<'email' | 'password' | 'form', string>>;

/** Adds a user: email, initial password (they can change it later), role. */
export function AddUserForm() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [errors, setErrors] = useState<Errors>({});
  const create = useCreateUser();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = CreateUserRequest.safeParse({ email, password, role });
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues)
        found[issue.path[0] === 'email' ? 'email' : 'password'] ??= issue.message;
      return setErrors(found);
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: () => {
        setEmail('');
        setPassword('');
      },
      onError: (err) =>
        setErrors(
          isApiError(err, 'NAME_TAKEN') ? { email: err.message } : { form: errorMessage(err) },
        ),
    });
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      className="grid gap-4 sm:grid-cols-[1fr_1fr_auto_auto] sm:items-start"
    >
      <TextField
        label="Email"
        type="email"
        autoComplete="off"
        value={email}
        onChange={setEmail}
        error={errors.email}
      />
      <TextField
        label="Initial password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
        hint="At least 12 characters; tell it to them privately."
      />
      <RoleSelect label="Role" value={role} onChange={setRole} />
      <div className="sm:pt-6">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add user'}
        </Button>
      </div>
      {errors.form ? (
        <p role="alert" className="text-sm text-red-300 sm:col-span-4">
          {errors.form}
        </p>
      ) : null}
    </form>
  );
}
