import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api-client';
import { useLogin } from '../api/login';

const inputClass =
  'mt-1 block w-full rounded-md bg-zinc-950 px-3 py-2 text-sm text-zinc-100 ring-1 ring-zinc-700 focus:ring-2 focus:ring-emerald-400 focus:outline-none';

/** Email + password form; shows the manager's refusal inline. */
export function LoginForm({ onSignedIn }: { onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const loginMutation = useLogin();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (loginMutation.isPending) return;
    loginMutation.mutate({ email: email.trim(), password }, { onSuccess: onSignedIn });
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <label className="block text-sm font-medium text-zinc-300">
        Email
        <input
          className={inputClass}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label className="block text-sm font-medium text-zinc-300">
        Password
        <input
          className={inputClass}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {loginMutation.isError ? (
        <p
          role="alert"
          className="rounded-md bg-red-500/10 p-2 text-sm text-red-300 ring-1 ring-red-500/30"
        >
          {errorMessage(loginMutation.error)}
        </p>
      ) : null}
      <Button type="submit" variant="primary" className="w-full" disabled={loginMutation.isPending}>
        {loginMutation.isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
