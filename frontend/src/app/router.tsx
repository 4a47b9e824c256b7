import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { matchRoutes, useLocation, useRoutes, type RouteObject } from 'react-router-dom';
import { Spinner } from '@/components/ui/spinner';
import { routes } from '@/lib/routes';
import { RequireAuth } from './require-auth';
import { RouteErrorBoundary } from './route-error-boundary';

type RouteHandle = { load: () => Promise<unknown> };

/**
 * A component from its own chunk. `load` fetches the chunk and keeps the component; rendered
 * once it is kept, the component is there in the same render (a thenable that answers at once,
 * which `lazy` takes without suspending). Rendered before, it suspends until the chunk is in.
 */
function chunkComponent<M>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType,
  /** Also run when it is rendered before its chunk is in. */
  alongside?: () => void,
): { Component: ComponentType; load: () => Promise<unknown> } {
  let kept: ComponentType | undefined;
  const fetchAndKeep = () => load().then((module) => (kept = pick(module)));
  const Component = lazy(() => {
    if (!kept) {
      alongside?.();
      return fetchAndKeep().then((page) => ({ default: page }));
    }
    const now = { default: kept };
    return { then: (resolve: (value: typeof now) => void) => resolve(now) } as Promise<typeof now>;
  });
  return { Component, load: fetchAndKeep };
}

/** A route whose component is its own chunk, fetched when the route is first rendered. */
function lazyRoute<M>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType,
): { element: ReactNode; handle: RouteHandle } {
  const { Component: Page, load: loadPage } = chunkComponent(load, pick);
  return { element: <Page />, handle: { load: loadPage } };
}

// The signed-in shell fetches the page it frames alongside itself, not after it first renders
// (the data router did the same for every matched route; this keeps it to signed-in users).
const shell = chunkComponent(
  () => import('./app-shell'),
  (m) => m.AppShell,
  () => void loadRouteChunks(window.location, true),
);
const AppShell = shell.Component;

type SessionHandle = { needsSession: true };

/**
 * Fetch the chunks of the routes matching `location` (the shell's and the page's) — for a
 * signed-out visitor of a signed-in page, the login page's, where they are sent. The entry
 * awaits this before the first render: a lazy route still loading at that render commits the
 * spinner, and React then holds the page back until 300 ms after the spinner appeared (its
 * Suspense throttle) — on the overview that delayed the live stream, and with it the server
 * list, by a quarter of a second. A chunk that fails is left to the route's error boundary.
 */
export function loadRouteChunks(
  location: { pathname: string },
  signedIn: boolean,
): Promise<unknown> {
  const matches = matchRoutes(appRoutes, location) ?? [];
  const sentToLogin =
    !signedIn && matches.some((m) => (m.route.handle as SessionHandle | undefined)?.needsSession);
  if (sentToLogin) return loadRouteChunks({ pathname: routes.login }, false);
  const loads = matches.map((match) =>
    (match.route.handle as Partial<RouteHandle> | undefined)?.load?.().catch(() => undefined),
  );
  return Promise.all(loads);
}

// Every page (and the signed-in shell) is its own chunk, loaded when the route is first
// rendered: the login page does not pay for the server screens, nor the overview for forms.
/** The route tree, shared by the browser router and the tests' memory router. */
export const appRoutes: RouteObject[] = [
  {
    path: routes.login,
    ...lazyRoute(
      () => import('./routes/login-page'),
      (m) => m.LoginPage,
    ),
  },
  {
    element: <RequireAuth />,
    handle: { needsSession: true } satisfies SessionHandle,
    children: [
      {
        element: <AppShell />,
        handle: { load: shell.load } satisfies RouteHandle,
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
