import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { PageProblem } from '@/components/ui/page-problem';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/api-client';
import { routes } from '@/lib/routes';
import { useMe } from '@/features/auth/api/get-me';
import { LiveUpdatesConnection } from './live/live-updates-connection';
import { CurrentUserContext } from './use-current-user';

/** Gate for every signed-in screen: no session → login page (and back here afterwards). */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending)
    return (
      <main className="grid min-h-screen place-items-center">
        <Spinner label="Loading session" />
      </main>
    );
  if (me.isError)
    return (
      <main className="p-8">
        <PageProblem title="Cannot reach the manager">{errorMessage(me.error)}</PageProblem>
      </main>
    );
  if (!me.data) return <Navigate to={routes.login} replace state={{ from: location.pathname }} />;
  return (
    <CurrentUserContext.Provider value={me.data}>
      <LiveUpdatesConnection key={me.data.id} userId={me.data.id} />
      <Outlet />
    </CurrentUserContext.Provider>
  );
}
