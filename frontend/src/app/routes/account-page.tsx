import { Card } from '@/components/ui/card';
import { ChangePasswordForm } from '@/features/auth/components/change-password-form';
import { useCurrentUser } from '../use-current-user';

/** The signed-in user's own account: who they are, and their password. */
export function AccountPage() {
  const user = useCurrentUser();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold text-zinc-50">Account</h1>
        <p className="text-sm text-zinc-400">
          Signed in as <span className="text-zinc-200">{user.email}</span> ({user.role}).
        </p>
      </header>
      <Card className="p-6">
        <h2 className="mb-4 text-lg font-semibold text-zinc-50">Change your password</h2>
        <ChangePasswordForm />
      </Card>
    </div>
  );
}
