import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { routes } from '@/lib/routes';
import { useAgents } from '@/features/agents/api/get-agents';
import { useLogout } from '@/features/auth/api/logout';
import { GeneratedPasswordBanner } from '@/features/auth/components/generated-password-banner';
import { useCurrentUser } from './use-current-user';

const navClass = ({ isActive }: { isActive: boolean }) =>
  cn(
    'flex shrink-0 items-center gap-2 rounded-md px-3 py-2 text-sm whitespace-nowrap',
    isActive ? 'bg-zinc-800 text-zinc-50' : 'text-zinc-400 hover:bg-zinc-900 hover:text-zinc-100',
  );

const dot = { online: 'bg-emerald-400', offline: 'bg-orange-400', pending: 'bg-zinc-500' } as const;

/**
 * After an in-app navigation, focus moves to the page's `main`: a keyboard or screen-reader
 * user continues in the new page instead of on a link or button the old page took away.
 */
function useFocusMainOnNavigation() {
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // The path focus was last moved for: the first page load keeps focus at the top (skip link).
  const focusedFor = useRef(pathname);
  useEffect(() => {
    if (focusedFor.current === pathname) return;
    focusedFor.current = pathname;
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);
  return mainRef;
}

/** Sidebar (agents, user) + the routed page. */
export function AppShell() {
  const user = useCurrentUser();
  const agents = useAgents();
  const logout = useLogout();
  const navigate = useNavigate();
  const mainRef = useFocusMainOnNavigation();
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[16rem_1fr]">
      <a
        href="#main"
        onClick={(event) => {
          // focus without adding "#main" to the address (the router owns the URL)
          event.preventDefault();
          mainRef.current?.focus();
        }}
        className="sr-only z-50 rounded-md bg-zinc-800 text-sm text-zinc-50 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:px-3 focus:py-2"
      >
        Skip to main content
      </a>
      <aside className="flex flex-col gap-3 border-b border-zinc-800 bg-zinc-950 p-4 lg:sticky lg:top-0 lg:h-screen lg:gap-6 lg:border-r lg:border-b-0">
        <NavLink
          to={routes.home}
          className="flex items-center gap-2 px-3 text-lg font-bold tracking-tight text-zinc-50"
        >
          <span
            aria-hidden
            className="grid size-7 place-items-center rounded-md bg-emerald-500 text-sm text-zinc-950"
          >
            Z
          </span>
          ZedOps
        </NavLink>
        <nav aria-label="Main" className="-mx-1 flex gap-1 overflow-x-auto lg:mx-0 lg:flex-col">
          <NavLink to={routes.home} end className={navClass}>
            All servers
          </NavLink>
          <p className="mt-4 hidden px-3 text-xs font-medium tracking-wide text-zinc-500 uppercase lg:block">
            Agents
          </p>
          {agents.data?.map((agent) => (
            <NavLink key={agent.id} to={routes.agent(agent.id)} className={navClass}>
              <span aria-hidden className={cn('size-2 rounded-full', dot[agent.status])} />
              <span className="truncate">{agent.name}</span>
              <span className="sr-only">({agent.status})</span>
            </NavLink>
          ))}
          {user.role === 'admin' ? (
            <>
              <NavLink to={routes.newAgent} className={navClass}>
                + Add host
              </NavLink>
              <NavLink to={routes.users} className={(state) => cn(navClass(state), 'lg:mt-4')}>
                Users
              </NavLink>
            </>
          ) : null}
        </nav>
        <div className="flex items-center justify-between gap-2 border-zinc-800 text-sm lg:mt-auto lg:border-t lg:pt-4">
          <NavLink to={routes.account} className="min-w-0 rounded-md hover:bg-zinc-900">
            <p className="truncate text-zinc-200">{user.email}</p>
            <p className="text-xs text-zinc-500 capitalize">{user.role} · account</p>
          </NavLink>
          <Button
            size="sm"
            variant="ghost"
            disabled={logout.isPending}
            onClick={() => logout.mutate(undefined, { onSettled: () => navigate(routes.login) })}
          >
            {logout.isPending ? 'Signing out…' : 'Sign out'}
          </Button>
        </div>
      </aside>
      <main
        id="main"
        ref={mainRef}
        tabIndex={-1}
        className="mx-auto w-full max-w-7xl space-y-6 p-4 focus:outline-none sm:p-6 lg:p-8"
      >
        <GeneratedPasswordBanner user={user} />
        <Outlet />
      </main>
    </div>
  );
}
