import { Link } from 'react-router-dom';
import type { User } from '@contract/http/auth';
import { Notice } from '@/components/ui/notice';
import { routes } from '@/lib/routes';

/** Shown on every page while the signed-in user's password is the one printed at first start. */
export function GeneratedPasswordBanner({ user }: { user: User }) {
  if (!user.generatedPassword) return null;
  return (
    <Notice
      tone="warning"
      role="status"
      title="You are still using the generated admin password"
      action={
        <Link
          to={routes.account}
          className="rounded-md bg-amber-400 px-3 py-1.5 text-sm font-medium text-zinc-950 hover:bg-amber-300"
        >
          Change it
        </Link>
      }
    >
      It was printed in the manager&apos;s log at first start. Choose your own now.
    </Notice>
  );
}
