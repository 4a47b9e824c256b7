import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { matchRoutes, useLocation, useRoutes, type RouteObject } from 'react-router-dom';
import { Spinner } from '@/components/ui/spinner';
import { RequireAuth } from './require-auth';
import { RouteErrorBoundary } from './route-error-boundary';

type RouteHandle = { load: () => Promise<unknown> };

/** A route whose component is its own chunk, fetched when the route is first rendered. */
function lazyRoute<M>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType,
): { element: ReactNode; handle: RouteHandle } {
  const Page = lazy(async () => ({ default: pick(await load()) }));
  return { element: <Page />, handle: { load } };
}

// The signed-in shell fetches the page it frames alongside itself, not after it first renders
// (the data router did the same for every matched route; this keeps it to signed-in users).
const AppShell = lazy(async () => {
  for (const match of matchRoutes(appRoutes, window.location) ?? [])
    void (match.route.handle as RouteHandle | undefined)?.load();
  return { default: (await import('./app-shell')).AppShell };
});

// Every page (and the signed-in shell) is its own chunk, loaded when the route is first
// rendered: the login page does not pay for the server screens, nor the overview for forms.
/** The route tree, shared by the browser router and the tests' memory router. */
export const appRoutes: RouteObject[] = [
  {
    path: '/login',
    ...lazyRoute(
      () => import('./routes/login-page'),
      (m) => m.LoginPage,
    ),
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          {
            index: true,
            ...lazyRoute(
              () => import('./routes/servers-page'),
              (m) => m.ServersPage,
            ),
          },
          {
            path: 'agents/:agentId',
            ...lazyRoute(
              () => import('./routes/agent-page'),
              (m) => m.AgentPage,
            ),
          },
          {
            path: 'agents/:agentId/servers/new',
            ...lazyRoute(
              () => import('./routes/create-server-page'),
              (m) => m.CreateServerPage,
            ),
          },
          {
            path: 'servers/:serverId',
            ...lazyRoute(
              () => import('./routes/server-page'),
              (m) => m.ServerPage,
            ),
          },
          {
            path: 'users',
            ...lazyRoute(
              () => import('./routes/users-page'),
              (m) => m.UsersPage,
            ),
          },
          {
            path: 'account',
            ...lazyRoute(
              () => import('./routes/account-page'),
              (m) => m.AccountPage,
            ),
          },
          {
            path: 'agents/new',
            ...lazyRoute(
              () => import('./routes/add-host-page'),
              (m) => m.AddHostPage,
            ),
          },
          {
            path: '*',
            ...lazyRoute(
              () => import('./routes/not-found-page'),
              (m) => m.NotFoundPage,
            ),
          },
        ],
      },
    ],
  },
];

/**
 * The routed screens. Navigations are transitions (react-router's default), so the page on
 * screen stays until the next one's chunk is in; the spinner shows only on the first load.
 */
export function AppRoutes() {
  const element = useRoutes(appRoutes);
  const { pathname } = useLocation();
  return (
    <RouteErrorBoundary resetKey={pathname}>
      <Suspense
        fallback={
          <main className="grid min-h-screen place-items-center">
            <Spinner label="Loading page" />
          </main>
        }
      >
        {element}
      </Suspense>
    </RouteErrorBoundary>
  );
}
