import type { RouteObject } from 'react-router-dom';
import { RequireAuth } from './require-auth';

// Every page (and the signed-in shell) is its own chunk, loaded when the route is first
// visited: the login page does not pay for the server screens, nor the overview for forms.
/** The route tree, shared by the browser router and the tests' memory router. */
export const appRoutes: RouteObject[] = [
  {
    path: '/login',
    lazy: async () => ({ Component: (await import('./routes/login-page')).LoginPage }),
  },
  {
    element: <RequireAuth />,
    children: [
      {
        lazy: async () => ({ Component: (await import('./app-shell')).AppShell }),
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('./routes/servers-page')).ServersPage }),
          },
          {
            path: 'agents/:agentId',
            lazy: async () => ({ Component: (await import('./routes/agent-page')).AgentPage }),
          },
          {
            path: 'agents/:agentId/servers/new',
            lazy: async () => ({
              Component: (await import('./routes/create-server-page')).CreateServerPage,
            }),
          },
          {
            path: 'servers/:serverId',
            lazy: async () => ({ Component: (await import('./routes/server-page')).ServerPage }),
          },
          {
            path: 'users',
            lazy: async () => ({ Component: (await import('./routes/users-page')).UsersPage }),
          },
          {
            path: 'account',
            lazy: async () => ({ Component: (await import('./routes/account-page')).AccountPage }),
          },
          {
            path: 'agents/new',
            lazy: async () => ({ Component: (await import('./routes/add-host-page')).AddHostPage }),
          },
          {
            path: '*',
            lazy: async () => ({
              Component: (await import('./routes/not-found-page')).NotFoundPage,
            }),
          },
        ],
      },
    ],
  },
];
