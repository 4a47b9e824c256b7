import type { RouteObject } from 'react-router-dom';
import { AppShell } from './app-shell';
import { RequireAuth } from './require-auth';
import { AccountPage } from './routes/account-page';
import { AddHostPage } from './routes/add-host-page';
import { AgentPage } from './routes/agent-page';
import { CreateServerPage } from './routes/create-server-page';
import { LoginPage } from './routes/login-page';
import { NotFoundPage } from './routes/not-found-page';
import { ServerPage } from './routes/server-page';
import { ServersPage } from './routes/servers-page';
import { UsersPage } from './routes/users-page';

/** The route tree, shared by the browser router and the tests' memory router. */
export const appRoutes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <ServersPage /> },
          { path: 'agents/:agentId', element: <AgentPage /> },
          { path: 'agents/:agentId/servers/new', element: <CreateServerPage /> },
          { path: 'servers/:serverId', element: <ServerPage /> },
          { path: 'users', element: <UsersPage /> },
          { path: 'account', element: <AccountPage /> },
          { path: 'agents/new', element: <AddHostPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
