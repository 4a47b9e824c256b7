import { Navigate, Outlet, useLocation } from 'react-router-dom';
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
      <div className="grid min-h-screen place-items-center">
        <Spinner label="Loading session" />
      </div>
    );
  if (me.isError)
    return (
      <p role="alert" className="p-8 text-red-300">
        Cannot reach the manager: {errorMessage(me.error)}
      </p>
    );
  if (!me.data) return <Navigate to={routes.login} replace state={{ from: location.pathname }} />;
  return (
    <CurrentUserContext.Provider value={me.data}>
      <LiveUpdatesConnection key={me.data.id} />
      <Outlet />
    </CurrentUserContext.Provider>
  );
}
