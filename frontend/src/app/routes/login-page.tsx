import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { routes } from '@/lib/routes';
import { useMe } from '@/features/auth/api/get-me';
import { LoginForm } from '@/features/auth/components/login-form';

/** Sign-in screen; returns the user to where the session ran out. */
export function LoginPage() {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? routes.home;
  if (me.data) return <Navigate to={from} replace />;
  return (
    <main className="grid min-h-screen place-items-center bg-[radial-gradient(ellipse_at_top,_rgba(16,185,129,0.12),_transparent_60%)] p-4">
      <div className="w-full max-w-sm rounded-2xl bg-zinc-900 p-8 shadow-2xl ring-1 ring-zinc-800">
        <div className="mb-6 flex items-center gap-3">
          <span
            aria-hidden
            className="grid size-10 place-items-center rounded-lg bg-emerald-500 text-lg font-bold text-zinc-950"
          >
            Z
          </span>
          <div>
            <h1 className="text-xl font-semibold text-zinc-50">Sign in to ZedOps</h1>
            <p className="text-sm text-zinc-400">Project Zomboid server control</p>
          </div>
        </div>
        <LoginForm onSignedIn={() => navigate(from, { replace: true })} />
      </div>
    </main>
  );
}
